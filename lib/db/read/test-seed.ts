/**
 * Factories for the read-side tests (and the dashboard's demo screenshots): each creates one
 * row with plausible defaults; pass what the test is about.
 */
import { chainVhdIds } from '../chain-history';
import type { Db } from '../client';
import type { Prisma } from '../generated/client';

let counter = 0;
/** A fresh uuid-shaped id whose first 8 hex digits differ per call. */
export function testUuid(): string {
  counter++;
  const hex = counter.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex.padStart(12, '0')}`;
}

const T0 = Date.UTC(2024, 7, 21, 10, 0, 0);
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);
export const T0_MS = T0;

export function seedPool(db: Db, data: Partial<Prisma.PoolUncheckedCreateInput> = {}) {
  const name = data.name ?? `pool-${testUuid().slice(0, 8)}`;
  return db.pool.create({ data: { url: 'https://pool.example', nameLabel: name, ...data, name } });
}

export function seedHost(db: Db, poolId: number, data: Partial<Prisma.HostUncheckedCreateInput> = {}) {
  const uuid = data.uuid ?? testUuid();
  return db.host.create({
    data: { ref: `OpaqueRef:${uuid}`, nameLabel: 'xcp-host', address: '127.0.0.1', isMaster: true, enabled: true, updatedAt: at(0), ...data, poolId, uuid },
  });
}

export function seedSr(db: Db, poolId: number, data: Partial<Prisma.SrUncheckedCreateInput> = {}) {
  const uuid = data.uuid ?? testUuid();
  return db.sr.create({
    data: {
      ref: `OpaqueRef:${uuid}`,
      nameLabel: 'Local storage',
      type: 'lvm',
      shared: false,
      physicalSizeBytes: 500n * 2n ** 30n,
      physicalUtilisationBytes: 200n * 2n ** 30n,
      gcEnabled: true,
      coalesceEnabled: true,
      leafCoalesceEnabled: true,
      gcNoSpace: false,
      updatedAt: at(0),
      ...data,
      poolId,
      uuid,
    },
  });
}

export function seedVdi(db: Db, sr: { id: number; poolId: number }, data: Partial<Prisma.VdiUncheckedCreateInput> = {}) {
  const uuid = data.uuid ?? testUuid();
  return db.vdi.create({
    data: {
      nameLabel: 'disk',
      type: 'user',
      managed: true,
      missing: false,
      isSnapshot: false,
      virtualSizeBytes: 20n * 2n ** 30n,
      physicalUtilisationBytes: 2n ** 30n,
      vmUuids: '[]',
      chainLength: 1,
      rowHash: 'seed',
      updatedAt: at(0),
      ...data,
      poolId: sr.poolId,
      srId: sr.id,
      uuid,
    },
  });
}

export function seedVm(db: Db, poolId: number, data: Partial<Prisma.VmUncheckedCreateInput> = {}) {
  const uuid = data.uuid ?? testUuid();
  return db.vm.create({
    data: { ref: `OpaqueRef:${uuid}`, nameLabel: 'vm', powerState: 'Running', isControlDomain: false, updatedAt: at(0), ...data, poolId, uuid },
  });
}

/** One change of a leaf's chain; `seq` follows the leaf's earlier changes unless given. */
export async function seedChainChange(
  db: Db,
  srId: number,
  data: Partial<Omit<Prisma.ChainChangeUncheckedCreateInput, 'leafId' | 'rootId'>> & { leafUuid: string; rootUuid?: string },
) {
  const { leafUuid, rootUuid = leafUuid, ...rest } = data;
  const ids = await chainVhdIds(db, [leafUuid, rootUuid]);
  const leafId = ids.get(leafUuid)!;
  const seq = rest.seq ?? (await db.chainChange.count({ where: { srId, leafId } }));
  return db.chainChange.create({
    data: { at: at(seq), length: 2, hiddenCount: 1, sizeBytes: 2n ** 30n, state: 'clean', xoUnhealthy: false, ...rest, leafId, rootId: ids.get(rootUuid)!, seq, srId },
  });
}

export function seedSample(db: Db, srId: number, data: Partial<Prisma.SrSampleUncheckedCreateInput> = {}) {
  return db.srSample.create({
    data: {
      at: at(0),
      nodes: 10,
      hiddenNodes: 4,
      chains: 6,
      backlogNodes: 0,
      backlogBytes: 0n,
      maxChainLength: 2,
      xoUnhealthyCount: 0,
      xoVdisToCoalesce: 0,
      gcRunning: false,
      ...data,
      srId,
    },
  });
}

export function seedRun(db: Db, poolId: number, data: Partial<Prisma.CollectionRunUncheckedCreateInput> = {}) {
  const startedAt = data.startedAt ?? at(0);
  return db.collectionRun.create({
    data: {
      kind: 'full',
      finishedAt: new Date(new Date(startedAt).getTime() + 2_000),
      outcome: 'ok',
      sshStatus: 'ok',
      srsRebuilt: 1,
      vdis: 10,
      chainChanges: 0,
      xapiMs: 100,
      sshMs: 100,
      writeMs: 10,
      totalMs: 2_000,
      ...data,
      startedAt,
      poolId,
    },
  });
}

/** An SMGC line logged by `host`: its own GcLine row (lines are not shared here). */
export function seedGcEvent(
  db: Db,
  host: { id: number; poolId: number },
  data: Partial<Pick<Prisma.GcEventUncheckedCreateInput, 'at' | 'pid'> & Prisma.GcLineCreateInput> & { message: string },
) {
  const { at: when = at(0), pid = 628, message, srUuid = null } = data;
  return db.gcEvent.create({
    data: { at: when, pid, pool: { connect: { id: host.poolId } }, host: { connect: { id: host.id } }, line: { create: { message, srUuid } } },
  });
}
