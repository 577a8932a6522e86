/**
 * SSH host keys pinned on first use: the first key a host shows is stored; later a different
 * key is refused, because that is what a man in the middle (or a reinstalled host) looks like,
 * and these commands run as root.
 */
import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint form: `SHA256:` and the unpadded base64 of the key's SHA-256. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyDecision = { accept: true; pinNow: boolean } | { accept: false; reason: string };

export function checkHostKey(pinned: string | null, seen: string, hostLabel: string): HostKeyDecision {
  if (pinned === null) return { accept: true, pinNow: true };
  if (pinned === seen) return { accept: true, pinNow: false };
  return {
    accept: false,
    reason:
      `SSH host key of ${hostLabel} changed (pinned ${pinned}, now ${seen}): refusing to connect. ` +
      'If the host was reinstalled, clear its pinned key (Host.sshHostKeySha256) to trust the new one.',
  };
}
