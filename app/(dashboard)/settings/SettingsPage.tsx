'use client';
import { usePools } from '@/app/_hooks/usePools';
import { ErrorNote, Loading } from '@/app/_components/QueryState';
import { HostKeys } from './HostKeys';
import { PoolSchedules } from './PoolSchedules';

export function SettingsPage() {
  const pools = usePools();
  return (
    <main className="page">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <section className="panel" aria-labelledby="schedules-title">
        <h2 id="schedules-title">Backup schedules</h2>
        <p className="muted">
          Chainwatch learns each VM&apos;s backup times from the snapshots Xen Orchestra leaves (<code>xo:backup:*</code> keys). A job it cannot see
          yet (a new job, or one run by another Xen Orchestra) is entered here as a cron schedule, in UTC, as Xen Orchestra&apos;s schedules are
          written: <code>minute hour day-of-month month day-of-week</code>. A VM&apos;s own schedule comes before its pool&apos;s; the forecasts
          use whichever backup comes first, seen or entered.
        </p>
        {pools.isPending && <Loading what="the pools" />}
        {pools.isError && <ErrorNote error={pools.error} what="the pools" />}
        {pools.data?.pools.length === 0 && <p className="muted">No pool has been collected yet: schedules can be entered once a pool appears.</p>}
        {pools.data?.pools.map((pool) => <PoolSchedules key={pool.id} poolId={pool.id} />)}
      </section>
      <section className="panel" aria-labelledby="host-keys-title">
        <h2 id="host-keys-title">SSH host keys</h2>
        <p className="muted">
          The first time Chainwatch reads a host over SSH it keeps the host&apos;s key, and from then on refuses a host showing another one
          (the collection is then recorded as partial and names the host). If a host was reinstalled, compare the new key with{' '}
          <code>for k in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf $k; done</code> on its console, then forget the old one here.
        </p>
        {pools.data?.pools.map((pool) => <HostKeys key={pool.id} poolId={pool.id} poolName={pool.name} />)}
      </section>
    </main>
  );
}
