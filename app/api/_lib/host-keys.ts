// The SSH host keys Chainwatch pinned on first use, per host, and forgetting one (a host that
// was reinstalled shows a new key: the collector refuses it until its pin is forgotten).
import type { Db } from '@/lib/db/client';

export interface HostKeyView {
  uuid: string;
  /** name_label (untrusted text). */
  name: string;
  address: string;
  isMaster: boolean;
  /** `SHA256:…` as OpenSSH prints it; null until the first SSH connection pins one. */
  fingerprint: string | null;
  pinnedAtMs: number | null;
}

export async function readHostKeys(db: Db, poolId: number): Promise<HostKeyView[]> {
  const hosts = await db.host.findMany({
    where: { poolId, removedAt: null },
    select: { uuid: true, nameLabel: true, address: true, isMaster: true, sshHostKeySha256: true, sshHostKeySeenAt: true },
    orderBy: [{ isMaster: 'desc' }, { nameLabel: 'asc' }],
  });
  return hosts.map((h) => ({
    uuid: h.uuid,
    name: h.nameLabel,
    address: h.address,
    isMaster: h.isMaster,
    fingerprint: h.sshHostKeySha256,
    pinnedAtMs: h.sshHostKeySeenAt?.getTime() ?? null,
  }));
}

/** The next SSH connection to the host pins the key it shows. false when the pool has no such host. */
export async function forgetHostKey(db: Db, poolId: number, hostUuid: string): Promise<boolean> {
  const { count } = await db.host.updateMany({ where: { poolId, uuid: hostUuid }, data: { sshHostKeySha256: null, sshHostKeySeenAt: null } });
  return count > 0;
}
