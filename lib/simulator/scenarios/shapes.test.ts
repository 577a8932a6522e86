import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../world';
import { SCENARIOS, scenarioNames } from '.';
import { HOSTILE_TEXTS } from './hostile-names';
import { MINUTE_MS, TEST_START_MS, diskNode, smlogOfAllHosts, srOf, vmRefByName } from '../world/test-factory';

const fixture = readFileSync(new URL('../../../test/fixtures/forum-lvm-sr-tree.vhd-util-scan.txt', import.meta.url), 'utf8');

describe('pinned-by-snapshots', () => {
  it('scans as the forum tree, line for line (the forum cut lines at 145 characters)', () => {
    const world = createWorld({ scenarios: ['pinned-by-snapshots'], seed: 1 });
    const sr = srOf(world, 'EqualLogic PS6000');
    const scan = world.vhdScan(sr.uuid) ?? '';
    const cut = scan.trimEnd().split('\n').map((line) => line.slice(0, 145).trimEnd());
    expect(cut).toEqual(fixture.trimEnd().split('\n').map((line) => line.trimEnd()));
  });

  it('leaves the GC nothing to do, every snapshot taken by a replication job', () => {
    const world = createWorld({ scenarios: ['pinned-by-snapshots'], seed: 1 });
    world.advance(30 * MINUTE_MS);
    expect(world.coalesceRuns()).toEqual([]);
    expect(smlogOfAllHosts(world)).toContain('No work, exiting');
    const snapshots = [...world.allRecords('VM').values()].filter((vm) => vm.is_a_snapshot === true);
    expect(snapshots).toHaveLength(15);
    expect(snapshots.every((vm) => vm.name_label === '[XO Backup CR to DC2] legacy-app')).toBe(true);
  });
});

describe('stale-parent', () => {
  it("leaves the XAPI vhd-parent naming the merged base copy while the scan shows the real parent", () => {
    const world = createWorld({ scenarios: ['stale-parent'], seed: 1, startMs: TEST_START_MS });
    const leaf = diskNode(world, vmRefByName(world, 'app-02'));
    const merged = leaf.parentUuid as string;
    world.advance(20 * MINUTE_MS);
    const sr = srOf(world, 'Local storage 2');
    const root = leaf.parentUuid as string;
    expect(root).not.toBe(merged);
    expect(sr.vhds.has(merged)).toBe(false);
    expect((world.record('VDI', leaf.vdiRef)?.sm_config as Record<string, string>)['vhd-parent']).toBe(merged);
    expect(world.vhdScan(sr.uuid)).toMatch(new RegExp(`\\n   vhd=VHD-${leaf.uuid} capacity=53687091200 size=\\d+ hidden=0 parent=VHD-${root}\\n`));
  });
});

describe('hostile-names', () => {
  it('keeps every hostile name and description byte for byte, in records and SMlog', () => {
    const world = createWorld({ scenarios: ['hostile-names'], seed: 1, startMs: TEST_START_MS });
    world.advance(2 * 24 * 60 * MINUTE_MS);
    const labels = new Set<string>();
    for (const cls of ['SR', 'VM', 'VDI'] as const) {
      for (const record of world.allRecords(cls).values()) {
        labels.add(String(record.name_label));
        labels.add(String(record.name_description));
      }
    }
    for (const text of Object.values(HOSTILE_TEXTS)) expect([...labels].some((label) => label.includes(text))).toBe(true);
    expect(labels).toContain(HOSTILE_TEXTS.long);
    expect(labels).toContain(`${HOSTILE_TEXTS.csvFormula} disk`);
    expect(world.backupRuns().map((run) => run.vmName)).toContain(HOSTILE_TEXTS.rtl);
    expect(smlogOfAllHosts(world)).toContain(`('SR ${HOSTILE_TEXTS.script}')`);
    expect(JSON.parse(JSON.stringify([...world.allRecords('VM').values()])).some((vm: { name_description: string }) => vm.name_description === HOSTILE_TEXTS.controls)).toBe(true);
  });
});

describe('large', () => {
  it('builds 20,000 VDIs on 200 SRs and 8 hosts', () => {
    const world = createWorld({ scenarios: ['large'], seed: 1 });
    expect(world.allRecords('VDI').size).toBe(20_000);
    expect(world.allRecords('SR').size).toBe(200);
    expect(world.hosts()).toHaveLength(8);
    expect(world.hosts()[7].address).toBe('127.0.0.8');
    const perSr = [...world.allRecords('SR').values()].map((sr) => (sr.VDIs as string[]).length);
    expect(new Set(perSr)).toEqual(new Set([100]));
  });
});

describe('SCENARIOS', () => {
  it('describes every scenario and composes them into one pool', () => {
    const names = scenarioNames().filter((name) => name !== 'large');
    for (const name of scenarioNames()) expect(SCENARIOS[name].description.length).toBeGreaterThan(20);
    const world = createWorld({ scenarios: names, seed: 2 });
    const info = world.scenarioInfo();
    expect(info.map((scenario) => scenario.name)).toEqual(names);
    const srUuids = info.flatMap((scenario) => scenario.srUuids);
    expect(new Set(srUuids).size).toBe(srUuids.length);
    expect(world.allRecords('SR').size).toBe(srUuids.length);
    expect(world.allRecords('pool').size).toBe(1);
    expect(info.every((scenario) => scenario.expectations.length > 0)).toBe(true);
  });

  it('refuses an unknown scenario with the list of known ones', () => {
    expect(() => createWorld({ scenarios: ['healthy', 'nope'] })).toThrow(/Unknown simulator scenario nope: pick from healthy, slow-sr/);
  });
});
