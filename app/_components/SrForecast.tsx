'use client';
import { useSrForecast } from '@/app/_hooks/usePoolForecast';
import { useNow } from '@/app/_hooks/useNow';
import { poolNowMs } from '@/lib/db/read/pool-clock';
import type { CoalesceSpeed } from '@/lib/analysis/coalesce-speed';
import type { GcQueueForecast } from '@/lib/analysis/gc-queue-forecast';
import { ErrorNote, Loading } from './QueryState';
import { splitPinned } from './pinned-urgency';
import { backlogClearWhen, confidenceText, SOURCE_LABEL } from './forecast-words';
import { formatBytes, formatFull, formatRate, formatWhen, isoTime, plural } from './format';
import styles from './forecast.module.css';

function SpeedFact({ speed }: { speed: CoalesceSpeed | null }) {
  if (!speed || speed.status === 'unknown' || speed.bytesPerSec === null || speed.source === null) {
    return <dd className="muted">Not known yet: SM has not finished a coalesce on this SR in the history stored.</dd>;
  }
  return (
    <dd>
      <strong>{formatRate(speed.bytesPerSec)}</strong> from {SOURCE_LABEL[speed.source]} ({plural(speed.observations, 'observation')},{' '}
      {confidenceText(speed.confidence)})
    </dd>
  );
}

function BacklogFact({ gc, nowMs }: { gc: GcQueueForecast | null; nowMs: number }) {
  if (!gc) return <dd className="muted">No forecast for this SR yet.</dd>;
  const when = gc.backlogClearAtMs === null ? null : backlogClearWhen(gc.backlogClearAtMs, gc.backlogBytes, nowMs);
  return (
    <dd>
      {gc.backlogClearAtMs !== null && when !== null && gc.status === 'will-clear' && (
        <>
          <strong>{when.label}</strong>{' '}
          <time className="muted small" dateTime={isoTime(gc.backlogClearAtMs)} title={formatFull(gc.backlogClearAtMs)}>
            ({when.passed ? 'expected ' : ''}
            {formatWhen(gc.backlogClearAtMs, nowMs)})
          </time>
          {gc.backlogBytes > 0 && (
            <>
              {' '}
              · {formatBytes(gc.backlogBytes)} to merge{when.passed ? ' as of the forecast' : ''}
            </>
          )}
          <br />
        </>
      )}
      <span className={gc.status === 'blocked' ? 'warn' : undefined}>{gc.summary}</span>
    </dd>
  );
}

/** One SR's share of its pool forecast: how fast its GC merges, when the backlog is gone, which chains it cannot shorten. */
export function SrForecast({ poolId, srUuid }: { poolId: number; srUuid: string }) {
  const forecast = useSrForecast(poolId, srUuid);
  const wallNow = useNow(10_000);
  if (forecast.isPending) return <Loading what="the forecast" />;
  if (!forecast.data) return <ErrorNote error={forecast.error} what="the forecast" />;
  const data = forecast.data;
  const nowMs = poolNowMs(data.clock, wallNow);
  const { oscillations: oscillating } = data;
  const { long, short } = splitPinned(data.pinned);
  const leafTitle = (leafId: string) => {
    const leaf = data.leaves[leafId];
    const vms = (leaf?.vmUuids ?? []).map((uuid) => data.vmNames[uuid] ?? uuid.slice(0, 8));
    return `${leaf?.name || leafId.slice(0, 8)}${vms.length > 0 ? ` (${vms.join(', ')})` : ''}`;
  };

  return (
    <div className="forecast">
      <dl className={styles.facts}>
        <div>
          <dt>Coalesce speed</dt>
          <SpeedFact speed={data.speed} />
        </div>
        <div>
          <dt>Backlog cleared</dt>
          <BacklogFact gc={data.gc} nowMs={nowMs} />
        </div>
      </dl>
      {oscillating.length > 0 && (
        <ul className={`${styles.list} ${styles.spaced}`} aria-label="Oscillating disks">
          {oscillating.map((o) => (
            <li key={o.leafId} className={`${styles.item} ${styles.critical}`} role="alert">
              <div className={styles.head}>
                <span className="badge badge-critical">Oscillating</span>
                <span className={styles.name}>{leafTitle(o.leafId)}</span>
                <span className="muted small">{confidenceText(o.confidence)}</span>
              </div>
              <p className="small">{o.summary}</p>
              {o.meaning && <p className="small">{o.meaning}</p>}
              {o.actions.length > 0 && (
                <ul className="reasons">
                  {o.actions.map((action) => (
                    <li key={action}>{action}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {long.length > 0 && (
        <ul className={`${styles.list} ${styles.spaced}`} aria-label="Chains pinned by snapshots">
          {long.map((p) => (
            <li key={p.leafId} className={`${styles.item} ${styles.warning}`}>
              <div className={styles.head}>
                <span className="badge badge-warning">Pinned</span>
                <span className={styles.name}>{leafTitle(p.leafId)}</span>
              </div>
              <p className="small">{p.sentence}</p>
            </li>
          ))}
        </ul>
      )}
      {short.length > 0 && (
        <details className={`${styles.more} ${styles.spaced}`}>
          <summary>
            {plural(short.length, long.length > 0 ? 'shorter chain' : 'chain')} held by snapshots, at most{' '}
            {plural(Math.max(...short.map((p) => p.length)), 'VHD')} long: normal while backups keep snapshots
          </summary>
          <ul className={styles.list} aria-label="Shorter chains held by snapshots">
            {short.map((p) => (
              <li key={p.leafId} className={styles.item}>
                <span className={styles.name}>{leafTitle(p.leafId)}</span>{' '}
                <span className="muted small">
                  {plural(p.length, 'VHD')}, {plural(p.snapshotIds.length, 'snapshot')}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
