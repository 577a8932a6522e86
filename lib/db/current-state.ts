/**
 * Current state of one pool's hosts, SRs, VDIs and VMs: upserted from what XAPI says, only
 * where something changed (see row-sync.ts).
 */
import type { Vdi } from './generated/client';
import { bytes, type DbTx, type HostRow, type SrRow, type VdiRow, type VmRow } from './rows';
import { syncRows, type RowSyncResult, type StoredRow } from './row-sync';

const sig = (row: object): string => JSON.stringify(row);

function vdiRowFromDb(v: Vdi): VdiRow {
  return {
    uuid: v.uuid,
    ref: v.ref,
    nameLabel: v.nameLabel,
    type: v.type,
    managed: v.managed,
    missing: v.missing,
    isSnapshot: v.isSnapshot,
    snapshotOfUuid: v.snapshotOfUuid,
    snapshotTimeMs: v.snapshotTime === null ? null : v.snapshotTime.getTime(),
    virtualSizeBytes: Number(v.virtualSizeBytes),
    physicalUtilisationBytes: Number(v.physicalUtilisationBytes),
    vhdParentUuid: v.vhdParentUuid,
    leafCoalesce: v.leafCoalesce,
    vmUuids: JSON.parse(v.vmUuids) as string[],
    chainLength: v.chainLength,
  };
}

function vdiData(row: VdiRow, atMs: number) {
  return {
    uuid: row.uuid,
    ref: row.ref,
    nameLabel: row.nameLabel,
    type: row.type,
    managed: row.managed,
    missing: row.missing,
    isSnapshot: row.isSnapshot,
    snapshotOfUuid: row.snapshotOfUuid,
    snapshotTime: row.snapshotTimeMs === null ? null : new Date(row.snapshotTimeMs),
    virtualSizeBytes: bytes(row.virtualSizeBytes),
    physicalUtilisationBytes: bytes(row.physicalUtilisationBytes),
    vhdParentUuid: row.vhdParentUuid,
    leafCoalesce: row.leafCoalesce,
    vmUuids: JSON.stringify(row.vmUuids),
    chainLength: row.chainLength,
    updatedAt: new Date(atMs),
    removedAt: null,
  };
}

function srData(row: SrRow, atMs: number) {
  return {
    ...row,
    physicalSizeBytes: bytes(row.physicalSizeBytes),
    physicalUtilisationBytes: bytes(row.physicalUtilisationBytes),
    updatedAt: new Date(atMs),
    removedAt: null,
  };
}

function stored(id: number, row: object, removedAt: Date | null): StoredRow {
  return { id, signature: sig(row), removed: removedAt !== null };
}

/** One pool's current state, with the memory of what was last written. */
export class CurrentStateStore {
  private loaded = false;
  private readonly hosts = new Map<string, StoredRow>();
  private readonly srs = new Map<string, StoredRow>();
  private readonly vdis = new Map<string, StoredRow>();
  private readonly vms = new Map<string, StoredRow>();
  /** SR uuid of each stored VDI, to scope removals to the SRs being synced. */
  private readonly vdiSr = new Map<string, string>();

  constructor(readonly poolId: number) {}

  hostId(uuid: string): number | undefined {
    return this.hosts.get(uuid)?.id;
  }

  srId(uuid: string): number | undefined {
    return this.srs.get(uuid)?.id;
  }

  /** Forgets what was written (after a failed transaction): the next sync reloads it. */
  reset(): void {
    this.loaded = false;
    for (const map of [this.hosts, this.srs, this.vdis, this.vms, this.vdiSr]) map.clear();
  }

  async load(tx: DbTx): Promise<void> {
    if (this.loaded) return;
    const poolId = this.poolId;
    for (const h of await tx.host.findMany({ where: { poolId } })) {
      const row: HostRow = { uuid: h.uuid, ref: h.ref, nameLabel: h.nameLabel, address: h.address, isMaster: h.isMaster, enabled: h.enabled };
      this.hosts.set(h.uuid, stored(h.id, row, h.removedAt));
    }
    const srUuidById = new Map<number, string>();
    for (const s of await tx.sr.findMany({ where: { poolId } })) {
      srUuidById.set(s.id, s.uuid);
      const row: SrRow = {
        uuid: s.uuid,
        ref: s.ref,
        nameLabel: s.nameLabel,
        type: s.type,
        shared: s.shared,
        physicalSizeBytes: Number(s.physicalSizeBytes),
        physicalUtilisationBytes: Number(s.physicalUtilisationBytes),
        gcEnabled: s.gcEnabled,
        coalesceEnabled: s.coalesceEnabled,
        leafCoalesceEnabled: s.leafCoalesceEnabled,
        gcNoSpace: s.gcNoSpace,
        lastCoalesceError: s.lastCoalesceError,
      };
      this.srs.set(s.uuid, stored(s.id, row, s.removedAt));
    }
    for (const v of await tx.vdi.findMany({ where: { poolId } })) {
      this.vdis.set(v.uuid, stored(v.id, vdiRowFromDb(v), v.removedAt));
      this.vdiSr.set(v.uuid, srUuidById.get(v.srId) ?? '');
    }
    for (const m of await tx.vm.findMany({ where: { poolId } })) {
      const row: VmRow = { uuid: m.uuid, ref: m.ref, nameLabel: m.nameLabel, powerState: m.powerState, isControlDomain: m.isControlDomain };
      this.vms.set(m.uuid, stored(m.id, row, m.removedAt));
    }
    this.loaded = true;
  }

  async syncHosts(tx: DbTx, rows: HostRow[], atMs: number): Promise<RowSyncResult> {
    await this.load(tx);
    const poolId = this.poolId;
    const updatedAt = new Date(atMs);
    return syncRows<HostRow>(this.hosts, rows, {
      key: (row) => row.uuid,
      signature: sig,
      create: async (batch) => {
        const created = await tx.host.createManyAndReturn({
          data: batch.map((row) => ({ ...row, poolId, updatedAt })),
          select: { id: true, uuid: true },
        });
        return new Map(created.map((c) => [c.uuid, c.id]));
      },
      update: async (id, row) => void (await tx.host.update({ where: { id }, data: { ...row, updatedAt, removedAt: null } })),
      markRemoved: async (ids) => void (await tx.host.updateMany({ where: { id: { in: ids } }, data: { removedAt: updatedAt } })),
    });
  }

  async syncSrs(tx: DbTx, rows: SrRow[], atMs: number): Promise<RowSyncResult> {
    await this.load(tx);
    const poolId = this.poolId;
    return syncRows<SrRow>(this.srs, rows, {
      key: (row) => row.uuid,
      signature: sig,
      create: async (batch) => {
        const created = await tx.sr.createManyAndReturn({
          data: batch.map((row) => ({ ...srData(row, atMs), poolId })),
          select: { id: true, uuid: true },
        });
        return new Map(created.map((c) => [c.uuid, c.id]));
      },
      update: async (id, row) => void (await tx.sr.update({ where: { id }, data: srData(row, atMs) })),
      markRemoved: async (ids) => void (await tx.sr.updateMany({ where: { id: { in: ids } }, data: { removedAt: new Date(atMs) } })),
    });
  }

  /** Every VDI of one SR (its SR row must exist): VDIs of that SR not listed are marked removed. */
  async syncVdis(tx: DbTx, srUuid: string, rows: VdiRow[], atMs: number): Promise<RowSyncResult> {
    await this.load(tx);
    const srId = this.srs.get(srUuid)?.id;
    if (srId === undefined) throw new Error(`SR ${srUuid} must be stored before its VDIs`);
    const poolId = this.poolId;
    for (const row of rows) this.vdiSr.set(row.uuid, srUuid);
    return syncRows<VdiRow>(
      this.vdis,
      rows,
      {
        key: (row) => row.uuid,
        signature: sig,
        create: async (batch) => {
          const created = await tx.vdi.createManyAndReturn({
            data: batch.map((row) => ({ ...vdiData(row, atMs), poolId, srId })),
            select: { id: true, uuid: true },
          });
          return new Map(created.map((c) => [c.uuid, c.id]));
        },
        update: async (id, row) => void (await tx.vdi.update({ where: { id }, data: { ...vdiData(row, atMs), srId } })),
        markRemoved: async (ids) => void (await tx.vdi.updateMany({ where: { id: { in: ids } }, data: { removedAt: new Date(atMs) } })),
      },
      (uuid) => this.vdiSr.get(uuid) === srUuid,
    );
  }

  async syncVms(tx: DbTx, rows: VmRow[], atMs: number): Promise<RowSyncResult> {
    await this.load(tx);
    const poolId = this.poolId;
    const updatedAt = new Date(atMs);
    return syncRows<VmRow>(this.vms, rows, {
      key: (row) => row.uuid,
      signature: sig,
      create: async (batch) => {
        const created = await tx.vm.createManyAndReturn({
          data: batch.map((row) => ({ ...row, poolId, updatedAt })),
          select: { id: true, uuid: true },
        });
        return new Map(created.map((c) => [c.uuid, c.id]));
      },
      update: async (id, row) => void (await tx.vm.update({ where: { id }, data: { ...row, updatedAt, removedAt: null } })),
      markRemoved: async (ids) => void (await tx.vm.updateMany({ where: { id: { in: ids } }, data: { removedAt: updatedAt } })),
    });
  }
}
