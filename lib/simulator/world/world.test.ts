import { describe, expect, it } from 'vitest';
import { createWorld } from '.';
import { DAY_MS, HOUR_MS, MINUTE_MS, TEST_START_MS, srOf } from './test-factory';

describe('createWorld', () => {
  it('tells change listeners after each advance that changed something, with event.from tokens', () => {
    const world = createWorld({ scenarios: ['healthy'], seed: 1, startMs: TEST_START_MS });
    let calls = 0;
    world.onChange(() => calls++);
    const token = world.currentChangeId();
    world.advance(DAY_MS);
    expect(calls).toBeGreaterThan(0);
    const answer = world.changesSince(token, ['VM']);
    expect(answer.lost).toBe(false);
    expect(answer.changes.length).toBeGreaterThan(0);
    expect(answer.changes.every((c) => c.class === 'VM')).toBe(true);
    const vmRef = answer.changes[0].ref;
    const injected = world.inject('VM', vmRef);
    expect(world.changesSince(injected - 1, []).changes).toEqual([expect.objectContaining({ id: injected, operation: 'mod', ref: vmRef })]);
  });

  it('answers lost for a token older than the change window', () => {
    const world = createWorld({ scenarios: ['healthy'], seed: 1, startMs: TEST_START_MS, changeLogLimit: 100 });
    const token = world.currentChangeId();
    world.advance(2 * DAY_MS);
    expect(world.currentChangeId() - token).toBeGreaterThan(200);
    expect(world.changesSince(token, []).lost).toBe(true);
    expect(world.changesSince(world.currentChangeId() - 50, []).lost).toBe(false);
  });

  it('serves SMlog by byte offset and the speed log once a coalesce ran', () => {
    const world = createWorld({ scenarios: ['healthy'], seed: 1, startMs: TEST_START_MS });
    const master = world.masterRef();
    const nfs = srOf(world, 'NFS VM store');
    expect(world.speedLog(nfs.uuid)).toBeNull();
    world.advance(HOUR_MS);
    const size = world.smlogSize(master);
    expect(size).toBe(Buffer.byteLength(world.smlog(master)));
    world.advance(DAY_MS);
    const since = world.smlogSince(master, size);
    expect(since.rotated).toBe(false);
    expect(since.nextOffset).toBe(world.smlogSize(master));
    expect(world.smlog(master).endsWith(since.text)).toBe(true);
    expect(since.text).toMatch(/^Aug 2\d \d\d:\d\d:\d\d xcp-ng-01 SM(GC)?: \[\d+\] /);
    const speeds = (world.speedLog(nfs.uuid) ?? '').trim().split('\n').map(Number);
    expect(speeds.length).toBeGreaterThan(0);
    expect(speeds.every((speed) => speed > 50 * 2 ** 20 && speed < 70 * 2 ** 20)).toBe(true);
  });

  it('names VHDs in the scan as the SR type does', () => {
    const world = createWorld({ scenarios: ['healthy'], seed: 1 });
    expect(world.vhdScan(srOf(world, 'NFS VM store').uuid)).toMatch(/^vhd=[0-9a-f-]{36}\.vhd capacity=\d+ size=\d+ hidden=1 parent=none$/m);
    expect(world.vhdScan(srOf(world, 'Local storage').uuid)).toMatch(/^ {3}vhd=VHD-[0-9a-f-]{36} capacity=\d+ size=\d+ hidden=0 parent=VHD-[0-9a-f-]{36}$/m);
    expect(world.vhdScan('no-such-sr')).toBeNull();
  });

  it('marks XO snapshots as XO does and keeps attached leaves tagged with their host', () => {
    const world = createWorld({ scenarios: ['healthy'], seed: 1, startMs: TEST_START_MS });
    world.advance(DAY_MS);
    const snapshot = [...world.allRecords('VM').values()].find((vm) => vm.name_label === '[XO Backup Daily delta] web-01');
    expect(snapshot).toMatchObject({ is_a_snapshot: true, power_state: 'Halted' });
    const config = snapshot?.other_config as Record<string, string>;
    expect(Object.keys(config).sort()).toEqual(['xo:backup:datetime', 'xo:backup:exported', 'xo:backup:job', 'xo:backup:schedule', 'xo:backup:vm']);
    expect(config['xo:backup:datetime']).toBe('20240820T010000Z');
    const web = [...world.allRecords('VM').values()].find((vm) => vm.name_label === 'web-01');
    expect(config['xo:backup:vm']).toBe(web?.uuid);
    const leaf = [...world.allRecords('VDI').values()].find((vdi) => vdi.name_label === 'web-01 system' && vdi.is_a_snapshot === false);
    expect(leaf?.sm_config).toMatchObject({ [`host_${world.hosts()[0].ref}`]: 'RW', vdi_type: 'vhd' });
    const base = world.record('VDI', [...world.allRecords('VDI')].find(([, vdi]) => vdi.uuid === (leaf?.sm_config as Record<string, string>)['vhd-parent'])?.[0] ?? '');
    expect(base).toMatchObject({ managed: false, name_label: 'base copy' });
  });

  it('refuses to run time backwards', () => {
    const world = createWorld({ scenarios: [], seed: 1 });
    expect(() => world.advance(-1)).toThrow(/advance\(\) needs a duration >= 0 ms/);
    world.advance(MINUTE_MS);
    expect(world.nowMs()).toBe(Date.UTC(2024, 7, 19, 6, 1, 0));
  });
});
