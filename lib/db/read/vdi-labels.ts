/** What a person recognises a VDI by: its name, whether it is a snapshot, and its VMs' names. */
import type { Db } from '../client';
import { parseStoredStrings } from '../rows';
import { slices } from './slices';

export interface VdiLabel {
  /** VDI name_label (untrusted text). */
  nameLabel: string;
  isSnapshot: boolean;
  /**
   * Names of the VMs it is attached to; for a snapshot, those of the disk it is a snapshot of
   * (its own VM is the snapshot VM). A VM not stored is shown by its short uuid.
   */
  vmNames: string[];
}

interface VdiFacts {
  nameLabel: string;
  isSnapshot: boolean;
  snapshotOfUuid: string | null;
  vmUuids: string[];
}

async function vdiFacts(db: Db, poolId: number, uuids: readonly string[], into: Map<string, VdiFacts>): Promise<void> {
  for (const part of slices([...new Set(uuids)].filter((uuid) => !into.has(uuid)))) {
    const rows = await db.vdi.findMany({
      where: { poolId, uuid: { in: part } },
      select: { uuid: true, nameLabel: true, isSnapshot: true, snapshotOfUuid: true, vmUuids: true },
    });
    for (const row of rows) into.set(row.uuid, { ...row, vmUuids: parseStoredStrings(row.vmUuids) });
  }
}

/** Labels of the VDIs of one pool by uuid; uuids XAPI does not know are left out. */
export async function vdiLabels(db: Db, poolId: number, uuids: readonly string[]): Promise<Map<string, VdiLabel>> {
  const facts = new Map<string, VdiFacts>();
  await vdiFacts(db, poolId, uuids, facts);
  const originals = [...facts.values()].flatMap((v) => (v.isSnapshot && v.snapshotOfUuid ? [v.snapshotOfUuid] : []));
  await vdiFacts(db, poolId, originals, facts);
  const vmsOf = (vdi: VdiFacts) => (vdi.isSnapshot && vdi.snapshotOfUuid ? (facts.get(vdi.snapshotOfUuid)?.vmUuids ?? []) : vdi.vmUuids);

  const vmNames = new Map<string, string>();
  for (const part of slices([...new Set(uuids.flatMap((uuid) => (facts.has(uuid) ? vmsOf(facts.get(uuid)!) : [])))])) {
    const rows = await db.vm.findMany({ where: { poolId, uuid: { in: part } }, select: { uuid: true, nameLabel: true } });
    for (const row of rows) vmNames.set(row.uuid, row.nameLabel);
  }
  const labels = new Map<string, VdiLabel>();
  for (const uuid of uuids) {
    const vdi = facts.get(uuid);
    if (vdi === undefined) continue;
    labels.set(uuid, { nameLabel: vdi.nameLabel, isSnapshot: vdi.isSnapshot, vmNames: vmsOf(vdi).map((vm) => vmNames.get(vm) ?? `${vm.slice(0, 8)}…`) });
  }
  return labels;
}
