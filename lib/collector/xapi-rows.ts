/** XAPI records → the rows stored as current state. */
import type { VhdRecord } from '../chains/types';
import type { HostRow, SnapshotRow, SrRow, VdiRow, VmRow } from '../db/rows';
import { bool, dateTimeMs, num, ref, str, stringMap, XO_BACKUP_PREFIX, XO_BACKUP_VM_KEY, type XapiRecord } from '../xapi/record-fields';
import { taskSrRef, type PoolRecords } from '../xapi/pool-records';
import type { SrGcSwitches } from './chain-state';

/** SR types that hold no VHD chains (ISO libraries, removable media). */
const NON_VHD_SR_TYPES = new Set(['iso', 'udev']);

export function isVhdSr(sr: XapiRecord): boolean {
  return !NON_VHD_SR_TYPES.has(str(sr, 'type')) && str(sr, 'content_type') !== 'iso';
}

export function hostRows(records: PoolRecords): HostRow[] {
  const masterRef = ref(records.poolRecord, 'master');
  return [...records.maps.host].map(([hostRef, host]) => ({
    uuid: str(host, 'uuid'),
    ref: hostRef,
    nameLabel: str(host, 'name_label'),
    address: str(host, 'address'),
    isMaster: hostRef === masterRef,
    enabled: bool(host, 'enabled'),
  }));
}

/** SM reads `other_config` `gc`, `coalesce`, `leaf-coalesce` = "false" as off switches. */
export function srRow(srRef: string, sr: XapiRecord): SrRow {
  const otherConfig = stringMap(sr, 'other_config');
  const smConfig = stringMap(sr, 'sm_config');
  return {
    uuid: str(sr, 'uuid'),
    ref: srRef,
    nameLabel: str(sr, 'name_label'),
    type: str(sr, 'type'),
    shared: bool(sr, 'shared'),
    physicalSizeBytes: num(sr, 'physical_size'),
    physicalUtilisationBytes: num(sr, 'physical_utilisation'),
    gcEnabled: otherConfig.gc !== 'false',
    coalesceEnabled: otherConfig.coalesce !== 'false',
    leafCoalesceEnabled: otherConfig['leaf-coalesce'] !== 'false',
    gcNoSpace: smConfig.gc_no_space !== undefined,
    lastCoalesceError: smConfig['last-coalesce-error'] ?? null,
  };
}

export function srSwitches(row: SrRow): SrGcSwitches {
  return {
    gcEnabled: row.gcEnabled,
    coalesceEnabled: row.coalesceEnabled,
    leafCoalesceEnabled: row.leafCoalesceEnabled,
    gcNoSpace: row.gcNoSpace,
  };
}

/** Progress of the SR's running SM "Garbage Collection" task, null when none runs. */
export function gcTaskProgress(records: PoolRecords, srRef: string): number | null {
  let progress: number | null = null;
  for (const task of records.maps.task.values()) {
    if (taskSrRef(task) !== srRef || str(task, 'status') !== 'pending') continue;
    if (!/garbage collection/i.test(str(task, 'name_label'))) continue;
    progress = Math.max(progress ?? 0, Math.min(1, Math.max(0, num(task, 'progress'))));
  }
  return progress;
}

export function vdiRow(records: PoolRecords, vdiRef: string, vdi: XapiRecord, vhd: VhdRecord | undefined, chainLength: number): VdiRow {
  const snapshotOf = ref(vdi, 'snapshot_of');
  const parent = stringMap(vdi, 'sm_config')['vhd-parent'];
  return {
    uuid: str(vdi, 'uuid'),
    ref: vdiRef,
    nameLabel: str(vdi, 'name_label'),
    type: str(vdi, 'type'),
    managed: vdi.managed !== false,
    missing: bool(vdi, 'missing'),
    isSnapshot: bool(vdi, 'is_a_snapshot'),
    snapshotOfUuid: snapshotOf === null ? null : str(records.maps.VDI.get(snapshotOf), 'uuid') || null,
    snapshotTimeMs: dateTimeMs(vdi, 'snapshot_time'),
    virtualSizeBytes: num(vdi, 'virtual_size'),
    physicalUtilisationBytes: num(vdi, 'physical_utilisation'),
    vhdParentUuid: parent ? parent : null,
    leafCoalesce: stringMap(vdi, 'other_config')['leaf-coalesce'] ?? null,
    vmUuids: vhd?.vmIds ?? [],
    chainLength,
  };
}

/** VMs that are neither snapshots nor templates. */
export function vmRows(records: PoolRecords): VmRow[] {
  const rows: VmRow[] = [];
  for (const [vmRef, vm] of records.maps.VM) {
    if (bool(vm, 'is_a_snapshot') || bool(vm, 'is_a_template')) continue;
    rows.push({
      uuid: str(vm, 'uuid'),
      ref: vmRef,
      nameLabel: str(vm, 'name_label'),
      powerState: str(vm, 'power_state'),
      isControlDomain: bool(vm, 'is_control_domain'),
    });
  }
  return rows;
}

/**
 * Every VM snapshot, tied to its VM: by `snapshot_of`, or for a snapshot whose VM is gone, by
 * the `xo:backup:vm` key XO writes.
 */
export function snapshotRows(records: PoolRecords): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const vm of records.maps.VM.values()) {
    if (!bool(vm, 'is_a_snapshot')) continue;
    const otherConfig = stringMap(vm, 'other_config');
    const xoBackup: Record<string, string> = {};
    for (const [key, value] of Object.entries(otherConfig)) if (key.startsWith(XO_BACKUP_PREFIX)) xoBackup[key] = value;
    const ofRef = ref(vm, 'snapshot_of');
    const ofUuid = ofRef === null ? '' : str(records.maps.VM.get(ofRef), 'uuid');
    rows.push({
      vmUuid: ofUuid || xoBackup[XO_BACKUP_VM_KEY] || '',
      snapshotUuid: str(vm, 'uuid'),
      nameLabel: str(vm, 'name_label'),
      snapshotTimeMs: dateTimeMs(vm, 'snapshot_time'),
      xoBackup,
    });
  }
  return rows;
}
