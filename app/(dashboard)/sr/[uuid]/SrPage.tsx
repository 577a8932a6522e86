'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useSr } from '@/app/_hooks/useSr';
import { useSrSamples } from '@/app/_hooks/useSrSamples';
import { useSrChains } from '@/app/_hooks/useSrChains';
import { useChainHistory } from '@/app/_hooks/useChainHistory';
import { useGcEvents } from '@/app/_hooks/useGcEvents';
import { useSpeedReadings } from '@/app/_hooks/useSpeedReadings';
import { useNow } from '@/app/_hooks/useNow';
import { BacklogChart } from '@/app/_components/BacklogChart';
import { ChainHistoryCharts } from '@/app/_components/ChainHistoryCharts';
import { ChainsTable } from '@/app/_components/ChainsTable';
import { CollectionLine } from '@/app/_components/CollectionLine';
import { DemoBadge } from '@/app/_components/DemoBadge';
import { GcTimeline } from '@/app/_components/GcTimeline';
import { ErrorNote, Loading } from '@/app/_components/QueryState';
import { SpeedReadings } from '@/app/_components/SpeedReadings';
import { SrForecast } from '@/app/_components/SrForecast';
import { UpdatedAgo } from '@/app/_components/UpdatedAgo';
import { UrgencyBadge } from '@/app/_components/UrgencyBadge';
import { WindowPicker } from '@/app/_components/WindowPicker';
import { formatBytes, formatPercent } from '@/app/_components/format';
import { poolNowMs } from '@/lib/db/read/pool-clock';
import { useSrForecast } from '@/app/_hooks/usePoolForecast';
import { srUrgencyWithPinned } from '@/app/_components/pinned-urgency';

const GC_EVENTS_SHOWN = 100;

function SrHead({ srUuid }: { srUuid: string }) {
  const sr = useSr(srUuid);
  // The SR's share of the forecast (shared with the Forecast panel) knows its pinned chains; until it comes, the stored urgency stands.
  const forecast = useSrForecast(sr.data?.pool.id ?? 0, sr.data?.sr.uuid ?? srUuid, sr.data !== undefined).data;
  if (sr.isPending) return <Loading what="the SR" />;
  if (!sr.data) return <ErrorNote error={sr.error} what="this SR" />;
  const { sr: s, pool, maxSilenceMs } = sr.data;
  const urgency = forecast ? srUrgencyWithPinned(s, forecast.pinned, (leafId) => forecast.leaves[leafId]?.srId ?? null) : s.urgency;
  return (
    <div className="sr-head">
      <div className="page-head">
        <h1>
          {s.nameLabel || s.uuid} {pool.demo && <DemoBadge />}
        </h1>
        <UpdatedAgo updatedAtMs={sr.dataUpdatedAt} refreshError={sr.error} />
      </div>
      <p className="muted">
        Pool {pool.name} · {s.type}
        {s.shared ? ' (shared)' : ''} · {formatBytes(s.physicalUtilisationBytes)} used of {formatBytes(s.physicalSizeBytes)}
        {s.physicalSizeBytes > 0 && ` (${formatPercent(s.physicalUtilisationBytes / s.physicalSizeBytes)})`} · {s.vdis} VDIs,{' '}
        {s.baseCopies} base copies · <span className="mono small">{s.uuid}</span>
      </p>
      {s.removedAtMs !== null && <p className="warn">This SR is no longer on the pool: what follows is its last known state.</p>}
      <div className="sr-urgency">
        <UrgencyBadge level={urgency.level} />
        {urgency.reasons.length > 0 ? (
          <ul className="reasons">
            {urgency.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : (
          <span className="muted"> Nothing needs attention.</span>
        )}
      </div>
      <CollectionLine pool={pool} maxSilenceMs={maxSilenceMs} />
    </div>
  );
}

function Section({ id, title, children, actions }: { id: string; title: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function SrPage({ srUuid }: { srUuid: string }) {
  const wallNow = useNow(10_000);
  const [hours, setHours] = useState(24);
  const sr = useSr(srUuid);
  const samples = useSrSamples(srUuid, hours);
  const chains = useSrChains(srUuid);
  const history = useChainHistory(srUuid, hours);
  const events = useGcEvents(srUuid, GC_EVENTS_SHOWN);
  const speed = useSpeedReadings(srUuid);
  // Times of the demo pool are simulated: "today" is the pool's today.
  const now = sr.data ? poolNowMs(sr.data.pool.clock, wallNow) : wallNow;
  const picker = <WindowPicker hours={hours} onChange={setHours} />;

  return (
    <main className="page">
      <p className="crumbs">
        <Link href="/">← All SRs</Link>
      </p>
      <SrHead srUuid={srUuid} />
      {sr.data && (
        <>
          <Section id="forecast" title="Forecast">
            <SrForecast poolId={sr.data.pool.id} srUuid={sr.data.sr.uuid} />
          </Section>
          <Section id="backlog" title="Coalesce backlog and longest chain" actions={picker}>
            {samples.data ? (
              <BacklogChart data={samples.data} nowMs={now} />
            ) : samples.isError ? (
              <ErrorNote error={samples.error} what="the samples" />
            ) : (
              <Loading what="the samples" />
            )}
          </Section>
          <Section
            id="chains"
            title="Chains"
            actions={
              <p className="exports">
                <a href={`/api/srs/${srUuid}/chains.csv`} download>
                  Download CSV
                </a>{' '}
                ·{' '}
                <a href={`/api/srs/${srUuid}/chains.json`} download>
                  JSON
                </a>
              </p>
            }
          >
            {chains.data ? <ChainsTable chains={chains.data.chains} /> : chains.isError ? <ErrorNote error={chains.error} what="the chains" /> : <Loading what="the chains" />}
          </Section>
          <Section id="history" title="Chain length per disk (same window)">
            {history.data ? (
              <ChainHistoryCharts data={history.data} nowMs={now} />
            ) : history.isError ? (
              <ErrorNote error={history.error} what="the chain history" />
            ) : (
              <Loading what="the chain history" />
            )}
          </Section>
          <div className="two-cols">
            <Section id="gc" title="GC activity">
              {events.data ? (
                <GcTimeline events={events.data.events} nowMs={now} label="GC activity, newest first" />
              ) : events.isError ? (
                <ErrorNote error={events.error} what="the GC activity" />
              ) : (
                <Loading what="the GC activity" />
              )}
            </Section>
            <Section id="speed" title="Coalesce speed">
              {speed.data ? (
                <SpeedReadings readings={speed.data.readings} nowMs={now} />
              ) : speed.isError ? (
                <ErrorNote error={speed.error} what="the speed readings" />
              ) : (
                <Loading what="the speed readings" />
              )}
            </Section>
          </div>
        </>
      )}
    </main>
  );
}
