/** Pool rows: one per configured pool (by name), never holding a credential. */
import type { DbTx } from './rows';

export interface PoolIdentity {
  name: string;
  /** The XAPI URL without user or password. */
  url: string;
  demo: boolean;
}

/** The id of the pool row for `identity`, created or brought up to date. */
export async function ensurePool(tx: DbTx, identity: PoolIdentity): Promise<number> {
  const row = await tx.pool.upsert({
    where: { name: identity.name },
    create: { name: identity.name, url: identity.url, demo: identity.demo },
    update: { url: identity.url, demo: identity.demo },
    select: { id: true },
  });
  return row.id;
}

export async function markPoolConnected(
  tx: DbTx,
  poolId: number,
  seen: { uuid: string; nameLabel: string; masterHostUuid: string | null; atMs: number },
): Promise<void> {
  await tx.pool.update({
    where: { id: poolId },
    data: { uuid: seen.uuid, nameLabel: seen.nameLabel, masterHostUuid: seen.masterHostUuid, lastConnectedAt: new Date(seen.atMs) },
  });
}

/** What is stored about a host's SSH and SMlog, by host uuid; nulls for a host not stored yet. */
export async function hostSshState(
  tx: DbTx,
  poolId: number,
  hostUuid: string,
): Promise<{ pinnedHostKey: string | null; smlogOffsetBytes: number | null }> {
  const host = await tx.host.findUnique({
    where: { poolId_uuid: { poolId, uuid: hostUuid } },
    select: { sshHostKeySha256: true, smlogOffsetBytes: true },
  });
  return {
    pinnedHostKey: host?.sshHostKeySha256 ?? null,
    smlogOffsetBytes: host?.smlogOffsetBytes == null ? null : Number(host.smlogOffsetBytes),
  };
}

export async function pinHostKey(tx: DbTx, hostId: number, fingerprint: string, atMs: number): Promise<void> {
  await tx.host.update({ where: { id: hostId }, data: { sshHostKeySha256: fingerprint, sshHostKeySeenAt: new Date(atMs) } });
}

/**
 * Deletes the demo pool's rows (cascading to everything it collected). Each start builds a
 * new simulated pool whose clock, objects and SSH host keys have nothing in common with the
 * last one, so its old history would only contradict the new one.
 */
export async function deleteDemoPools(tx: DbTx): Promise<number> {
  const { count } = await tx.pool.deleteMany({ where: { demo: true } });
  return count;
}
