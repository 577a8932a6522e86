import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allChains, buildForest, chainOf } from './forest';
import { linearChain, record, treeRecords } from './test-factory';

describe('buildForest', () => {
  const forest = buildForest(
    treeRecords(`
*root
  *b1
    leafA size=2M
    *b2
      leafB size=3M
  snap size=1M
*other
  c1
`),
  );

  it('computes depth, chain length, height and root', () => {
    const leafB = forest.nodes.get('leafB')!;
    expect(leafB.depth).toBe(3);
    expect(leafB.chainLength).toBe(4);
    expect(leafB.rootId).toBe('root');
    expect(leafB.parentId).toBe('b2');
    expect(forest.nodes.get('root')!.height).toBe(3);
    expect(forest.nodes.get('b1')!.height).toBe(2);
    expect(forest.nodes.get('snap')!.height).toBe(0);
  });

  it('orders roots tallest first and leaves deepest first, ties in tree order', () => {
    expect(forest.rootIds).toEqual(['root', 'other']);
    expect(forest.leafIds).toEqual(['leafB', 'leafA', 'snap', 'c1']);
  });

  it('lists non-hidden children first', () => {
    expect(forest.nodes.get('root')!.childIds).toEqual(['snap', 'b1']);
    expect(forest.nodes.get('b1')!.childIds).toEqual(['leafA', 'b2']);
  });

  it('puts parents before children in order', () => {
    const position = new Map(forest.order.map((id, k) => [id, k]));
    expect(forest.order).toHaveLength(forest.nodes.size);
    for (const node of forest.nodes.values()) {
      if (node.parentId !== null) expect(position.get(node.parentId)!).toBeLessThan(position.get(node.record.id)!);
    }
  });

  it('reports a parent that is not there and roots the child', () => {
    const f = buildForest([record('a', 'ghost'), record('b', 'a')]);
    expect(f.unknownParents).toEqual([{ childId: 'a', parentId: 'ghost' }]);
    expect(f.nodes.get('a')!.parentId).toBeNull();
    expect(f.nodes.get('b')!.chainLength).toBe(2);
  });

  it('breaks a cycle at its smallest id and reports it', () => {
    const f = buildForest([record('c', 'a'), record('a', 'b'), record('b', 'c'), record('leaf', 'b')]);
    expect(f.cycles).toEqual([['a', 'b', 'c']]);
    expect(f.nodes.get('a')!.parentId).toBeNull();
    expect(f.nodes.get('c')!.depth).toBe(1);
    expect(f.nodes.get('b')!.depth).toBe(2);
    expect(f.nodes.get('leaf')!.depth).toBe(3);
    expect(f.rootIds).toEqual(['a']);
  });

  it('treats a self-parent as a cycle of one', () => {
    const f = buildForest([record('x', 'x')]);
    expect(f.cycles).toEqual([['x']]);
    expect(f.nodes.get('x')!.depth).toBe(0);
  });

  it('keeps the first of repeated ids and reports the rest', () => {
    const f = buildForest([record('a', null, { name: 'first' }), record('a', null, { name: 'second' })]);
    expect(f.duplicateIds).toEqual(['a']);
    expect(f.nodes.get('a')!.record.name).toBe('first');
  });

  it('handles a chain far deeper than any stack', () => {
    const f = buildForest(linearChain(200_000));
    expect(f.nodes.get('v199999')!.chainLength).toBe(200_000);
    expect(f.nodes.get('v0')!.height).toBe(199_999);
  });
});

describe('chainOf and allChains', () => {
  const forest = buildForest(
    treeRecords(`
*root size=10M
  *b1 size=5M
    leaf size=2M
  snap size=1M
`),
  );

  it('walks root → leaf and sums hidden VHDs and bytes', () => {
    expect(chainOf(forest, 'leaf')).toEqual({
      leafId: 'leaf',
      leafName: 'leaf',
      rootId: 'root',
      length: 3,
      hidden: 2,
      sizeBytes: 17 * 1024 ** 2,
      pathIds: ['root', 'b1', 'leaf'],
    });
  });

  it('gives one chain per leaf, deepest first', () => {
    expect(allChains(forest).map((c) => [c.leafId, c.length])).toEqual([
      ['leaf', 3],
      ['snap', 2],
    ]);
  });

  it('says which id is missing', () => {
    expect(() => chainOf(forest, 'nope')).toThrow(/nope/);
  });
});

describe('buildForest on arbitrary parent maps', () => {
  const ids = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `n${i}`));
  const parentMaps = fc.array(fc.tuple(ids, fc.option(fc.oneof(ids, fc.constant('missing')), { nil: null })), {
    maxLength: 40,
  });

  it('never throws, and every node gets a finite depth that fits the node count', () => {
    fc.assert(
      fc.property(parentMaps, (pairs) => {
        const forest = buildForest(pairs.map(([id, parentId]) => record(id, parentId)));
        expect(forest.order).toHaveLength(forest.nodes.size);
        for (const node of forest.nodes.values()) {
          expect(node.depth).toBeGreaterThanOrEqual(0);
          expect(node.chainLength).toBe(node.depth + 1);
          expect(node.chainLength).toBeLessThanOrEqual(forest.nodes.size);
          expect(forest.nodes.has(node.rootId)).toBe(true);
          expect(chainOf(forest, node.record.id).pathIds[0]).toBe(node.rootId);
        }
        expect(forest.duplicateIds.length + forest.nodes.size).toBe(pairs.length);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the positional views in step with the nodes', () => {
    fc.assert(
      fc.property(parentMaps, (pairs) => {
        const forest = buildForest(pairs.map(([id, parentId], i) => record(id, parentId, { hidden: i % 3 === 0, sizeBytes: i })));
        forest.orderNodes.forEach((node, k) => {
          expect(node.index).toBe(k);
          expect(forest.order[k]).toBe(node.record.id);
          expect(forest.parentAt[k]).toBe(node.parentId === null ? -1 : forest.nodes.get(node.parentId)!.index);
          expect(forest.columns.childCount[k]).toBe(node.childIds.length);
          expect(forest.columns.hidden[k]).toBe(node.record.hidden ? 1 : 0);
          expect(forest.columns.sizeBytes[k]).toBe(node.record.sizeBytes);
          node.childIds.forEach((childId, j) => expect(forest.order[forest.firstChildAt[k] + j]).toBe(childId));
          if (node.childIds.length === 0) expect(forest.firstChildAt[k]).toBe(-1);
        });
        expect([...forest.leafAt].map((k) => forest.order[k])).toEqual(forest.leafIds);
        for (let j = 1; j < forest.leafIds.length; j++) {
          expect(forest.nodes.get(forest.leafIds[j - 1])!.depth).toBeGreaterThanOrEqual(forest.nodes.get(forest.leafIds[j])!.depth);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports every cycle edge it cut, and no cycle in a forest without one', () => {
    fc.assert(
      fc.property(parentMaps, (pairs) => {
        const forest = buildForest(pairs.map(([id, parentId]) => record(id, parentId)));
        const cutRoots = forest.cycles.map((cycle) => cycle[0]);
        for (const id of cutRoots) expect(forest.nodes.get(id)!.parentId).toBeNull();
        const roots = new Set(forest.rootIds);
        for (const node of forest.nodes.values()) {
          const declared = node.record.parentId;
          const rootedOnPurpose =
            declared === null || !forest.nodes.has(declared) || cutRoots.includes(node.record.id);
          expect(roots.has(node.record.id)).toBe(rootedOnPurpose);
        }
      }),
      { numRuns: 500 },
    );
  });
});
