'use client';
import type { PoolOverview } from '@/app/api/_lib/overview';
import { usePoolForecast } from '@/app/_hooks/usePoolForecast';
import { withPinnedChains } from './pinned-urgency';
import { CollectionLine } from './CollectionLine';
import { DemoBadge } from './DemoBadge';
import { SrTable } from './SrTable';
import { plural } from './format';

export function PoolCard({ pool, maxSilenceMs }: { pool: PoolOverview; maxSilenceMs: number }) {
  const headingId = `pool-${pool.id}`;
  // The forecast (shared with Next backups) knows the pinned chains; until it comes, the stored urgency stands.
  const forecast = usePoolForecast(pool.id).data;
  const srs = forecast ? withPinnedChains(pool.srs, forecast.pinned, (leafId) => forecast.leaves[leafId]?.srId ?? null) : pool.srs;
  return (
    <section className={`panel pool-card${pool.demo ? ' pool-demo' : ''}`} aria-labelledby={headingId}>
      <div className="pool-head">
        <h2 id={headingId}>
          {pool.name} {pool.demo && <DemoBadge />}
        </h2>
        <p className="muted pool-meta">
          {pool.nameLabel && pool.nameLabel !== pool.name && <>XAPI name {pool.nameLabel} · </>}
          {plural(pool.hostCount, 'host')}
          {pool.masterHostName && <> · master {pool.masterHostName}</>}
        </p>
      </div>
      {pool.demo && (
        <p className="demo-note">
          This is a simulated pool: Chainwatch&apos;s built-in simulator makes up its SRs, disks and backups so you can see the dashboard
          at work. Configure CHAINWATCH_POOLS to watch your own pools.
        </p>
      )}
      <CollectionLine pool={pool} maxSilenceMs={maxSilenceMs} />
      {pool.srs.length === 0 ? (
        <p className="muted">No SRs collected from this pool yet.</p>
      ) : (
        <SrTable srs={srs} caption={`Storage repositories of ${pool.name}, most urgent first`} />
      )}
    </section>
  );
}
