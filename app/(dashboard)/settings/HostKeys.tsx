'use client';
import { useState } from 'react';
import { useForgetHostKey, useHostKeys } from '@/app/_hooks/useHostKeys';
import { ErrorNote, Loading } from '@/app/_components/QueryState';
import { formatFullZone, isoTime } from '@/app/_components/format';
import type { HostKeyView } from '@/app/api/_lib/host-keys';

function ForgetButton({ poolId, host }: { poolId: number; host: HostKeyView }) {
  const forget = useForgetHostKey(poolId);
  const [asking, setAsking] = useState(false);
  if (host.fingerprint === null) return <span className="muted small">pinned at the next SSH read</span>;
  if (!asking) {
    return (
      <button type="button" className="secondary" onClick={() => setAsking(true)} aria-label={`Forget the SSH host key of ${host.name || host.address}`}>
        Forget key
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`Confirm forgetting the key of ${host.name || host.address}`}>
      <p className="small warn">
        Only if this host was reinstalled or got a new key on purpose: the next SSH read trusts whatever key it shows.
      </p>
      <button type="button" onClick={() => forget.mutate(host.uuid)} disabled={forget.isPending}>
        {forget.isPending ? 'Forgetting…' : 'Yes, forget it'}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)} disabled={forget.isPending}>
        Cancel
      </button>
      {forget.isError && (
        <p className="error" role="alert">
          {forget.error.message}
        </p>
      )}
    </div>
  );
}

/** One pool's hosts and the SSH host keys pinned on first use. */
export function HostKeys({ poolId, poolName }: { poolId: number; poolName: string }) {
  const hosts = useHostKeys(poolId);
  if (hosts.isPending) return <Loading what="the hosts" />;
  if (hosts.isError) return <ErrorNote error={hosts.error} what="the hosts" />;
  const list = hosts.data.hosts;
  return (
    <div className="pool-settings" data-testid="host-keys">
      <h3>{poolName}</h3>
      {list.length === 0 ? (
        <p className="muted">No host collected from this pool yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="rtable" aria-label={`SSH host keys of ${poolName}`}>
            <thead>
              <tr>
                <th>Host</th>
                <th>Address</th>
                <th>Pinned key</th>
                <th>Pinned</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((h) => (
                <tr key={h.uuid} data-testid="host-key-row">
                  <td data-label="Host">
                    {h.name || h.uuid} {h.isMaster && <span className="tag">master</span>}
                  </td>
                  <td data-label="Address">{h.address}</td>
                  <td data-label="Pinned key" className="fingerprint">
                    {h.fingerprint ? <code>{h.fingerprint}</code> : <span className="muted">none yet</span>}
                  </td>
                  <td data-label="Pinned">{h.pinnedAtMs === null ? <span className="muted">never</span> : <time dateTime={isoTime(h.pinnedAtMs)}>{formatFullZone(h.pinnedAtMs)}</time>}</td>
                  <td data-label="Actions">
                    <ForgetButton poolId={poolId} host={h} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
