/**
 * XAPI VDI records → VHD records, and the cross-check with a scan.
 *
 * `VDI.parent` is always null: the chain lives in `sm_config['vhd-parent']`, which can be
 * stale after a coalesce (a known XCP-ng bug). So a scan, when there is one, has the last
 * word on parents, and a `vhd-parent` naming no known VDI stays an unknown parent.
 */
import type { VhdRecord } from './types';

/** The VDI fields read here (keys of `vdis` are VDI refs). Over XML-RPC, ints arrive as strings. */
export interface XapiVdiLike {
  uuid: string;
  name_label?: string;
  SR?: string;
  type?: string;
  managed?: boolean;
  missing?: boolean;
  is_a_snapshot?: boolean;
  is_tools_iso?: boolean;
  virtual_size?: number | string;
  physical_utilisation?: number | string;
  sm_config?: Record<string, string>;
  other_config?: Record<string, string>;
}

export interface XapiVbdLike {
  VM: string;
  VDI: string;
}

export interface XapiVmLike {
  uuid: string;
  is_control_domain?: boolean;
}

/** Records by ref: a JSON dump's object, or a live pool's map (read in place, not copied). */
export type ByRef<T> = Readonly<Record<string, T>> | ReadonlyMap<string, T>;

export interface XapiRecordsInput {
  vdis: ByRef<XapiVdiLike>;
  vbds?: ByRef<XapiVbdLike>;
  vms?: ByRef<XapiVmLike>;
}

function isMap<T>(records: ByRef<T>): records is ReadonlyMap<string, T> {
  return records instanceof Map;
}

function entriesOf<T>(records: ByRef<T>): Iterable<[string, T]> {
  return isMap(records) ? records.entries() : Object.entries(records);
}

function byRef<T>(records: ByRef<T> | undefined, ref: string): T | undefined {
  if (records === undefined) return undefined;
  return isMap(records) ? records.get(ref) : Object.hasOwn(records, ref) ? records[ref] : undefined;
}

const NULL_REF = 'OpaqueRef:NULL';
/** VDI types that are never VHDs in a chain: CBT logs, and raw LVs for HA and the redo log. */
const NOT_VHD_TYPES = new Set(['cbt_metadata', 'ha_statefile', 'redo_log']);

function toBytes(value: number | string | undefined): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * VMs per VDI ref. VBDs of control domains are left out: dom0 plugs VDIs only for a while
 * (exports, imports, SM work), and XO, deciding whether another VM still uses a VDI,
 * likewise ignores control-domain VBDs.
 */
function vmIdsByVdiRef(input: XapiRecordsInput): Map<string, string[]> {
  const byVdi = new Map<string, Set<string>>();
  for (const [, vbd] of entriesOf(input.vbds ?? {})) {
    if (!vbd.VDI || vbd.VDI === NULL_REF || !vbd.VM || vbd.VM === NULL_REF) continue;
    // A rebuild of one SR passes the pool's VBDs: the other SRs' disks are skipped here.
    if (byRef(input.vdis, vbd.VDI) === undefined) continue;
    const vm = byRef(input.vms, vbd.VM);
    if (vm?.is_control_domain === true) continue;
    const ids = byVdi.get(vbd.VDI) ?? new Set<string>();
    ids.add(vm?.uuid ?? vbd.VM);
    byVdi.set(vbd.VDI, ids);
  }
  return new Map([...byVdi].map(([ref, ids]) => [ref, [...ids].sort()]));
}

export function recordsFromXapi(input: XapiRecordsInput): VhdRecord[] {
  const vmIds = vmIdsByVdiRef(input);
  const records: VhdRecord[] = [];
  for (const [ref, vdi] of entriesOf(input.vdis)) {
    if (vdi.missing === true || vdi.is_tools_iso === true) continue;
    if (vdi.type !== undefined && NOT_VHD_TYPES.has(vdi.type)) continue;
    const managed = vdi.managed !== false;
    const vhdParent = vdi.sm_config?.['vhd-parent'];
    const record: VhdRecord = {
      id: vdi.uuid,
      name: vdi.name_label ?? vdi.uuid,
      parentId: vhdParent ? vhdParent : null,
      hidden: !managed,
      managed,
      isSnapshot: vdi.is_a_snapshot === true,
      sizeBytes: toBytes(vdi.physical_utilisation),
      virtualSizeBytes: toBytes(vdi.virtual_size),
    };
    if (vdi.SR && vdi.SR !== NULL_REF) record.srId = vdi.SR;
    const attached = vmIds.get(ref);
    if (attached !== undefined) record.vmIds = attached;
    const leafCoalesce = vdi.other_config?.['leaf-coalesce'];
    if (leafCoalesce !== undefined) record.leafCoalesce = leafCoalesce;
    records.push(record);
  }
  return records;
}

function withParent(record: VhdRecord, parentId: string | null, note: string | null): VhdRecord {
  const next: VhdRecord = { ...record, parentId };
  delete next.parentUnconfirmed;
  delete next.parentNote;
  if (note !== null) {
    next.parentUnconfirmed = true;
    next.parentNote = note;
  }
  return next;
}

function reconcileOne(record: VhdRecord, scanned: VhdRecord | undefined, known: Set<string>): VhdRecord {
  if (scanned === undefined) {
    const missing = record.parentId !== null && !known.has(record.parentId);
    return withParent(
      record,
      record.parentId,
      missing ? `vhd-parent names ${record.parentId}, which is neither a known VDI nor in the scan.` : null,
    );
  }
  // The VHD header decides hidden for SM; XO keeps reading `managed`, so that stays XAPI's.
  const merged = { ...record, hidden: scanned.hidden };
  if (scanned.parentId !== record.parentId) {
    const said = record.parentId ?? 'none';
    const found = scanned.parentId ?? 'none';
    const note = `XAPI vhd-parent says ${said} but the scan says ${found} (stale vhd-parent); the scan wins.`;
    return withParent(merged, scanned.parentId, note);
  }
  return withParent(merged, record.parentId, scanned.parentUnconfirmed ? (scanned.parentNote ?? null) : null);
}

/**
 * XAPI records checked against a scan of their SR. Scan records are matched by id (VDI
 * uuid); a VHD only the scan knows is added, in the SR of the XAPI records it matched
 * (when they all share one).
 */
export function reconcileWithScan(records: VhdRecord[], scanRecords: VhdRecord[]): VhdRecord[] {
  const scanById = new Map(scanRecords.map((r) => [r.id, r]));
  const known = new Set([...records.map((r) => r.id), ...scanById.keys()]);
  const xapiIds = new Set(records.map((r) => r.id));
  const srIds = new Set(records.filter((r) => scanById.has(r.id)).map((r) => r.srId));
  const scannedSrId = srIds.size === 1 ? [...srIds][0] : undefined;

  const result = records.map((record) => reconcileOne(record, scanById.get(record.id), known));
  for (const scanned of scanRecords) {
    if (xapiIds.has(scanned.id)) continue;
    result.push(scannedSrId === undefined ? scanned : { ...scanned, srId: scannedSrId });
  }
  return result;
}
