/**
 * Current state of one pool's hosts, SRs, VDIs and VMs: upserted from what XAPI says, only
 * where something changed (see row-sync.ts).
 */
import { hash } from 'node:crypto';
import { bulkInsert, bulkInsertTuples, type SqlValue } from './bulk-insert';
import { Prisma } from './generated/client';
import { bytes, srRowOf, type DbTx, type HostRow, type SrRow, type VdiRow, type VmRow } from './rows';
import { syncRows, type RowSyncOps, type RowSyncResult, type StoredRow } from './row-sync';

const sig = (row: object): string => JSON.stringify(row);

/**
 * A VDI row's values, hashed: 20,000 VDIs compare by hash, and load back by hash alone. 72
 * bits (12 base64url characters of SHA-1) tell a changed row from an unchanged one.
 */
const vdiHashes = new WeakMap<VdiRow, string>();
function vdiHash(row: VdiRow): string {
  let rowHash = vdiHashes.get(row);
  // One-shot hash(): the same SHA-1 as createHash().update().digest(), without a Hash object per row.
  if (rowHash === undefined) vdiHashes.set(row, (rowHash = hash('sha1', sig(row), 'base64url').slice(0, 12)));
  return rowHash;
}

/** The Vdi columns a sync writes, in the order of `vdiValues`. */
const VDI_COLUMNS = [
  'rowHash',
  'uuid',
  'nameLabel',
  'type',
  'managed',
  'missing',
  'isSnapshot',
  'snapshotOfUuid',
  'snapshotTime',
  'virtualSizeBytes',
  'physicalUtilisationBytes',
  'vhdParentUuid',
  'leafCoalesce',
  'vmUuids',
  'chainLength',
  'updatedAt',
  'removedAt',
  'poolId',
  'srId',
] as const;

/** A VDI row as stored, in the order of VDI_COLUMNS: one array, as 20,000 are written at once. */
function vdiValues(row: VdiRow, updatedAt: Date, poolId: number, srId: number): SqlValue[] {
  return [
    vdiHash(row),
    row.uuid,
    row.nameLabel,
    row.type,
    row.managed,
    row.missing,
    row.isSnapshot,
    row.snapshotOfUuid,
    row.snapshotTimeMs === null ? null : new Date(row.snapshotTimeMs),
    bytes(row.virtualSizeBytes),
    bytes(row.physicalUtilisationBytes),
    row.vhdParentUuid,
    row.leafCoalesce,
    JSON.stringify(row.vmUuids),
    row.chainLength,
    updatedAt,
    null,
    poolId,
    srId,
  ];
}

/** The same values by column name, for Prisma's update. */
function vdiData(row: VdiRow, updatedAt: Date, poolId: number, srId: number): Prisma.VdiUncheckedUpdateInput {
  const values = vdiValues(row, updatedAt, poolId, srId);
  return Object.fromEntries(VDI_COLUMNS.map((column, i) => [column, values[i]]));
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
      this.srs.set(s.uuid, stored(s.id, srRowOf(s), s.removedAt));
    }
    const vdis = await tx.$queryRaw<{ uuid: string; srId: number | bigint; rowHash: string; removedAt: unknown }[]>`
      SELECT "uuid", "srId", "rowHash", "removedAt" FROM "Vdi" WHERE "poolId" = ${poolId}`;
    for (const v of vdis) {
      this.vdis.set(v.uuid, { id: 0, signature: v.rowHash, removed: v.removedAt !== null });
      this.vdiSr.set(v.uuid, srUuidById.get(Number(v.srId)) ?? '');
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
      update: async ({ id }, _key, row) => void (await tx.host.update({ where: { id }, data: { ...row, updatedAt, removedAt: null } })),
      markRemoved: async (rows) => void (await tx.host.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { removedAt: updatedAt } })),
    });
  }

  /** `complete`: `rows` are all the pool's SRs, so a stored SR not among them is marked removed. */
  async syncSrs(tx: DbTx, rows: SrRow[], atMs: number, complete: boolean): Promise<RowSyncResult> {
    await this.load(tx);
    const poolId = this.poolId;
    const ops: RowSyncOps<SrRow> = {
      key: (row) => row.uuid,
      signature: sig,
      create: async (batch) => {
        await bulkInsert(tx, 'Sr', batch.map((row) => ({ ...srData(row, atMs), poolId, speedLogLines: null })));
        const uuids = batch.map((row) => row.uuid);
        const created = await tx.$queryRaw<{ id: number | bigint; uuid: string }[]>`
          SELECT "id", "uuid" FROM "Sr" WHERE "poolId" = ${poolId} AND "uuid" IN (${Prisma.join(uuids)})`;
        return new Map(created.map((c) => [c.uuid, Number(c.id)]));
      },
      update: async ({ id }, _key, row) => void (await tx.sr.update({ where: { id }, data: srData(row, atMs) })),
      markRemoved: async (rows) =>
        void (await tx.sr.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { removedAt: new Date(atMs) } })),
    };
    return syncRows(this.srs, rows, ops, () => complete);
  }

  /**
   * Every VDI of the SRs listed (their SR rows must exist): VDIs stored for those SRs and not
   * listed are marked removed; other SRs' VDIs are left alone.
   */
  async syncVdis(tx: DbTx, srs: readonly { srUuid: string; rows: readonly VdiRow[] }[], atMs: number): Promise<RowSyncResult> {
    await this.load(tx);
    const poolId = this.poolId;
    const updatedAt = new Date(atMs);
    const srIdOf = new Map<string, number>();
    for (const { srUuid, rows } of srs) {
      const srId = this.srs.get(srUuid)?.id;
      if (srId === undefined) throw new Error(`SR ${srUuid} must be stored before its VDIs`);
      for (const row of rows) {
        srIdOf.set(row.uuid, srId);
        this.vdiSr.set(row.uuid, srUuid);
      }
    }
    const synced = new Set(srs.map((sr) => sr.srUuid));
    return syncRows<VdiRow>(
      this.vdis,
      srs.flatMap((sr) => sr.rows),
      {
        key: (row) => row.uuid,
        signature: vdiHash,
        // Thousands of VDIs on a first sync: one statement per batch; later writes go by uuid.
        create: async (batch) => {
          const tuples = batch.map((row) => vdiValues(row, updatedAt, poolId, srIdOf.get(row.uuid)!));
          await bulkInsertTuples(tx, 'Vdi', VDI_COLUMNS, tuples);
          return null;
        },
        update: async (_stored, uuid, row) =>
          void (await tx.vdi.update({ where: { poolId_uuid: { poolId, uuid } }, data: vdiData(row, updatedAt, poolId, srIdOf.get(uuid)!) })),
        markRemoved: async (rows) =>
          void (await tx.vdi.updateMany({ where: { poolId, uuid: { in: rows.map((r) => r.key) } }, data: { removedAt: new Date(atMs) } })),
      },
      (uuid) => synced.has(this.vdiSr.get(uuid) ?? ''),
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
        await bulkInsert(tx, 'Vm', batch.map((row) => ({ ...row, poolId, updatedAt, removedAt: null })));
        return null;
      },
      update: async (_stored, uuid, row) =>
        void (await tx.vm.update({ where: { poolId_uuid: { poolId, uuid } }, data: { ...row, updatedAt, removedAt: null } })),
      markRemoved: async (rows) =>
        void (await tx.vm.updateMany({ where: { poolId, uuid: { in: rows.map((r) => r.key) } }, data: { removedAt: updatedAt } })),
    });
  }
}
