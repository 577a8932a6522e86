import { describe, expect, it } from 'vitest';
import { record, treeRecords } from '../chains/test-factory';
import { GC_ALLOWED } from './chain-state';
import { buildSrView, type SrViewInput } from './sr-view';

function view(outline: string, overrides: Partial<SrViewInput> = {}) {
  return buildSrView({
    xapiRecords: treeRecords(outline),
    scanRecords: null,
    switches: GC_ALLOWED,
    gcTaskProgress: null,
    tolerance: 1,
    ...overrides,
  });
}

const stateOf = (v: ReturnType<typeof view>, leaf: string) => v.chains.find((c) => c.leafUuid === leaf)?.state;

describe('buildSrView', () => {
  it('calls a chain clean when the GC has nothing to do', () => {
    const v = view(`
*base size=1G
  snap snapshot
  leaf size=2M`);
    expect(stateOf(v, 'leaf')).toBe('clean');
    expect(v.aggregates).toMatchObject({ nodes: 3, hiddenNodes: 1, chains: 2, backlogNodes: 0, maxChainLength: 2 });
  });

  it('counts the coalesce backlog and flags a chain XO would refuse to back up', () => {
    const v = view(`
*a size=1G
  *b size=3M
    *c size=5M
      leaf size=7M`);
    expect(stateOf(v, 'leaf')).toBe('coalescing');
    const leaf = v.chains.find((c) => c.leafUuid === 'leaf')!;
    expect(leaf).toMatchObject({ length: 4, hiddenCount: 3, rootUuid: 'a', xoUnhealthy: true });
    // b and c are coalesceable (hidden, parent with one child); leaf is leaf-coalesceable.
    expect(v.aggregates).toMatchObject({ backlogNodes: 3, backlogBytes: 15 * 1024 ** 2, xoUnhealthyCount: 1, maxChainLength: 4 });
    expect(v.chainLengthByUuid.get('c')).toBe(3);
  });

  it('calls the chain blocked when the SR switches the GC off or lacks space', () => {
    const outline = `
*a
  *b
    leaf`;
    expect(stateOf(view(outline, { switches: { ...GC_ALLOWED, gcEnabled: false } }), 'leaf')).toBe('blocked');
    expect(stateOf(view(outline, { switches: { ...GC_ALLOWED, gcNoSpace: true } }), 'leaf')).toBe('blocked');
    // Coalesce off, but `leaf` can still be leaf-coalesced into b.
    expect(stateOf(view(outline, { switches: { ...GC_ALLOWED, coalesceEnabled: false } }), 'leaf')).toBe('coalescing');
  });

  it('calls a leaf blocked after SM set leaf-coalesce to offline', () => {
    const v = view(`
*a
  leaf leafCoalesce=offline`);
    expect(stateOf(v, 'leaf')).toBe('blocked');
  });

  it('reports garbage leaves and unknown parents', () => {
    const records = [...treeRecords(`
*a
  leaf
  *dead`), record('orphan', 'gone')];
    const v = buildSrView({ xapiRecords: records, scanRecords: null, switches: GC_ALLOWED, gcTaskProgress: 0.5, tolerance: 1 });
    expect(stateOf(v, 'dead')).toBe('garbage');
    expect(stateOf(v, 'orphan')).toBe('unknown-parent');
    expect(v.aggregates).toMatchObject({ gcRunning: true, gcProgress: 0.5 });
  });

  it('lets the scan correct a stale vhd-parent, while XO still reads the stale link', () => {
    const xapi = treeRecords(`
*a
  *b
    leaf`);
    // After a coalesce of b into a, the scan shows leaf under a; XAPI still says b.
    const scan = [record('a', null, { hidden: true }), record('leaf', 'a')];
    const v = buildSrView({ xapiRecords: xapi, scanRecords: scan, switches: GC_ALLOWED, gcTaskProgress: null, tolerance: 0 });
    const leaf = v.chains.find((c) => c.leafUuid === 'leaf')!;
    expect(leaf.state).toBe('unknown-parent');
    expect(leaf.length).toBe(2);
    expect(leaf.xoUnhealthy).toBe(true);
  });
});
