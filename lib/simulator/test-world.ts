/**
 * A small in-memory `SimWorld` for the protocol servers' tests (used by tests only): a pool
 * of `hostCount` hosts on 127.0.0.1, 127.0.0.2, ..., one LVM SR with a base copy and a leaf,
 * and a VM. Tests drive it by hand (`put`, `remove`, `setMaster`, ...) instead of running
 * the GC and backup models.
 */
import { XAPI_CLASSES, type ChangesAnswer, type SimFaults, type SimHostInfo, type SimWorld, type XapiChange, type XapiClass, type XapiRecord } from './types';

export interface TestWorld extends SimWorld {
  readonly poolRef: string;
  readonly srRef: string;
  readonly srUuid: string;
  readonly vmRef: string;
  /** How many times `inject` ran (the xen-api client injects once per (re)sync). */
  readonly injectCount: number;
  put(cls: XapiClass, ref: string, record: XapiRecord): void;
  remove(cls: XapiClass, ref: string): void;
  setMaster(hostRef: string): void;
  appendSmlog(hostRef: string, text: string): void;
  setScan(srUuid: string, text: string | null): void;
  setSpeedLog(srUuid: string, text: string | null): void;
  /** Drop the change log up to `changeId`, so older tokens answer EVENTS_LOST. */
  forgetChangesThrough(changeId: number): void;
}

export interface TestWorldOptions {
  hostCount?: number;
  masterIndex?: number;
  startMs?: number;
}

/** A deterministic uuid: `prefix` (8 hex digits) then the counter. */
export function testUuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function testRef(uuid: string): string {
  return `OpaqueRef:${uuid}`;
}

export function vdiRecord(uuid: string, srRef: string, overrides: XapiRecord = {}): XapiRecord {
  return {
    uuid,
    name_label: 'disk',
    name_description: '',
    SR: srRef,
    VBDs: [],
    virtual_size: 21474836480,
    physical_utilisation: 1073741824,
    type: 'user',
    managed: true,
    missing: false,
    is_a_snapshot: false,
    snapshot_of: 'OpaqueRef:NULL',
    snapshot_time: '19700101T00:00:00Z',
    sm_config: {},
    other_config: {},
    ...overrides,
  };
}

function baseRecords(hosts: SimHostInfo[], masterRef: string): Array<[XapiClass, string, XapiRecord]> {
  const srUuid = testUuid('5e000000', 1);
  const srRef = testRef(srUuid);
  const baseUuid = testUuid('bace0000', 1);
  const leafUuid = testUuid('1eaf0000', 1);
  const vmUuid = testUuid('0e000000', 1);
  const vbdUuid = testUuid('0bd00000', 1);
  const poolUuid = testUuid('9001c000', 1);
  const pbdUuid = testUuid('0bdd0000', 1);
  // The local SR is plugged on the first host.
  const owner = hosts[0];
  return [
    ['pool', testRef(poolUuid), { uuid: poolUuid, name_label: 'sim pool', master: masterRef, default_SR: srRef, other_config: {} }],
    ...hosts.map((host, i): [XapiClass, string, XapiRecord] => [
      'host',
      host.ref,
      { uuid: host.uuid, name_label: `host${i + 1}`, address: host.address, enabled: true, PIFs: [], PBDs: host === owner ? [testRef(pbdUuid)] : [] },
    ]),
    ['SR', srRef, { uuid: srUuid, name_label: 'Local LVM', type: 'lvm', physical_size: 1099511627776, physical_utilisation: 2147483648, other_config: {}, sm_config: {}, shared: false, PBDs: [testRef(pbdUuid)], VDIs: [testRef(baseUuid), testRef(leafUuid)] }],
    ['PBD', testRef(pbdUuid), { uuid: pbdUuid, host: owner.ref, SR: srRef, device_config: { device: '/dev/sdb' }, currently_attached: true, other_config: {} }],
    ['VDI', testRef(baseUuid), vdiRecord(baseUuid, srRef, { name_label: 'base copy', managed: false })],
    ['VDI', testRef(leafUuid), vdiRecord(leafUuid, srRef, { VBDs: [testRef(vbdUuid)], sm_config: { 'vhd-parent': baseUuid } })],
    ['VM', testRef(vmUuid), { uuid: vmUuid, name_label: 'vm1', is_a_snapshot: false, is_a_template: false, power_state: 'Running', VBDs: [testRef(vbdUuid)], other_config: {} }],
    ['VBD', testRef(vbdUuid), { uuid: vbdUuid, VM: testRef(vmUuid), VDI: testRef(leafUuid), type: 'Disk', currently_attached: true }],
  ];
}

export function createTestWorld(options: TestWorldOptions = {}): TestWorld {
  const hosts: SimHostInfo[] = Array.from({ length: options.hostCount ?? 1 }, (_, i) => {
    const uuid = testUuid('40570000', i + 1);
    return { ref: testRef(uuid), uuid, address: `127.0.0.${i + 1}` };
  });
  let master = hosts[options.masterIndex ?? 0].ref;
  let now = options.startMs ?? Date.UTC(2024, 0, 1);
  const faults: SimFaults = { xapiDown: false, xapiHang: false, eventsLostOnce: false, sshDown: false };
  const tables = new Map<XapiClass, Map<string, XapiRecord>>(XAPI_CLASSES.map((cls) => [cls, new Map()]));
  let log: XapiChange[] = [];
  let lastId = 0;
  let forgottenThrough = 0;
  let injectCount = 0;
  const listeners = new Set<() => void>();
  const smlogs = new Map<string, string>();
  const scans = new Map<string, string | null>();
  const speedLogs = new Map<string, string | null>();

  function record(change: Omit<XapiChange, 'id'>): number {
    lastId += 1;
    log.push({ ...change, id: lastId });
    for (const listener of [...listeners]) listener();
    return lastId;
  }

  function put(cls: XapiClass, ref: string, value: XapiRecord): void {
    const table = tables.get(cls)!;
    const operation = table.has(ref) ? 'mod' : 'add';
    table.set(ref, value);
    record({ class: cls, ref, operation, snapshot: value });
  }

  for (const [cls, ref, value] of baseRecords(hosts, master)) put(cls, ref, value);
  const srUuid = testUuid('5e000000', 1);
  scans.set(
    srUuid,
    `vhd=VHD-${testUuid('bace0000', 1)} capacity=21474836480 size=1086324736 hidden=1 parent=none\n` +
      `   vhd=VHD-${testUuid('1eaf0000', 1)} capacity=21474836480 size=8388608 hidden=0 parent=VHD-${testUuid('bace0000', 1)}\n`,
  );

  return {
    credentials: { user: 'root', password: 'password' },
    faults,
    poolRef: testRef(testUuid('9001c000', 1)),
    srRef: testRef(srUuid),
    srUuid,
    vmRef: testRef(testUuid('0e000000', 1)),
    get injectCount() {
      return injectCount;
    },
    nowMs: () => now,
    advance(ms) {
      now += ms;
    },
    hosts: () => hosts,
    masterRef: () => master,
    allRecords: (cls) => new Map(tables.get(cls)),
    record: (cls, ref) => tables.get(cls)!.get(ref),
    changesSince(sinceId, classes): ChangesAnswer {
      const wanted = new Set(classes.length === 0 ? XAPI_CLASSES : classes);
      const changes = log.filter((change) => change.id > sinceId && wanted.has(change.class));
      const included = changes.length === 0 ? lastId : changes[changes.length - 1].id;
      return { changes, lastId: included, lost: sinceId < forgottenThrough };
    },
    currentChangeId: () => lastId,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    inject(cls, ref) {
      injectCount += 1;
      return record({ class: cls, ref, operation: 'mod', snapshot: tables.get(cls)!.get(ref) ?? null });
    },
    vhdScan: (uuid) => scans.get(uuid) ?? null,
    smlog: (hostRef) => smlogs.get(hostRef) ?? '',
    speedLog: (uuid) => speedLogs.get(uuid) ?? null,
    put,
    remove(cls, ref) {
      tables.get(cls)!.delete(ref);
      record({ class: cls, ref, operation: 'del', snapshot: null });
    },
    setMaster(hostRef) {
      master = hostRef;
      const [poolRef, pool] = [...tables.get('pool')!][0];
      put('pool', poolRef, { ...pool, master: hostRef });
    },
    appendSmlog(hostRef, text) {
      smlogs.set(hostRef, (smlogs.get(hostRef) ?? '') + text);
    },
    setScan: (uuid, text) => void scans.set(uuid, text),
    setSpeedLog: (uuid, text) => void speedLogs.set(uuid, text),
    forgetChangesThrough(changeId) {
      forgottenThrough = Math.max(forgottenThrough, changeId);
      log = log.filter((change) => change.id > changeId);
    },
  };
}

/** Polls `condition` until it holds (tests wait on outcomes, never on durations). */
export async function waitFor(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
