import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHostKey, hostKeyFingerprint } from './host-key';

describe('host keys', () => {
  it('prints OpenSSH-style SHA256 fingerprints', () => {
    const key = Buffer.from('ssh-ed25519 key bytes');
    const expected = createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
    expect(hostKeyFingerprint(key)).toBe(`SHA256:${expected}`);
  });

  it('pins on first use, accepts the same key, refuses another with a clear reason', () => {
    expect(checkHostKey(null, 'SHA256:a', 'host h1 (10.0.0.1)')).toEqual({ accept: true, pinNow: true });
    expect(checkHostKey('SHA256:a', 'SHA256:a', 'host h1 (10.0.0.1)')).toEqual({ accept: true, pinNow: false });
    const refused = checkHostKey('SHA256:a', 'SHA256:b', 'host h1 (10.0.0.1)');
    expect(refused.accept).toBe(false);
    expect(!refused.accept && refused.reason).toMatch(/SSH host key of host h1 \(10\.0\.0\.1\) changed \(pinned SHA256:a, now SHA256:b\)/);
  });
});
