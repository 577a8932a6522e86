'use client';
import Link from 'next/link';
import { useState } from 'react';
import { usePoolForecast } from '@/app/_hooks/usePoolForecast';
import { useNow } from '@/app/_hooks/useNow';
import { poolNowMs } from '@/lib/db/read/pool-clock';
import type { SkipForecast } from '@/lib/analysis/skip-forecast';
import type { VmBackupForecast } from '@/lib/analysis/backup-cadence';
import { ErrorNote, Loading } from './QueryState';
import { VerdictBadge } from './VerdictBadge';
import { compareSkips, confidenceText, relativeTime, VERDICT_TONE } from './forecast-words';
import { formatFull, formatWhen, isoTime } from './format';
import styles from './forecast.module.css';

/** Enough to see every VM that needs attention on a phone; the rest on demand. */
const SHOWN_FIRST = 12;

/** Which job the time comes from: one seen in the snapshots, or a schedule entered in Settings. */
function JobSource({ backup }: { backup: VmBackupForecast | undefined }) {
  if (!backup?.jobLabel) return null;
  return (
    <span className="muted small">
      {backup.source === 'override' ? (
        <>
          schedule <Link href="/settings">{backup.jobLabel}</Link> (entered)
        </>
      ) : (
        <>job {backup.jobLabel}</>
      )}
    </span>
  );
}

function BackupItem({ skip, backup, vmName, nowMs }: { skip: SkipForecast; backup: VmBackupForecast | undefined; vmName: string; nowMs: number }) {
  const tone = VERDICT_TONE[skip.verdict];
  return (
    <li className={`${styles.item} ${tone === 'unknown' ? '' : styles[tone]}`} data-testid="next-backup">
      <div className={styles.head}>
        <VerdictBadge verdict={skip.verdict} />
        <span className={styles.name}>{vmName}</span>
        {skip.nextBackupMs === null ? (
          <span className="muted">no schedule known</span>
        ) : (
          <span className={styles.when}>
            {relativeTime(skip.nextBackupMs, nowMs)}{' '}
            <time className="muted small" dateTime={isoTime(skip.nextBackupMs)} title={formatFull(skip.nextBackupMs)}>
              ({formatWhen(skip.nextBackupMs, nowMs)})
            </time>
          </span>
        )}
        <span className="muted small">{confidenceText(skip.confidence)}</span>
        <JobSource backup={backup} />
      </div>
      {skip.reasons.length > 0 && <p className="small">{skip.reasons.join(' ')}</p>}
    </li>
  );
}

/** Per VM of one pool: when XO's next backup runs, and whether it will be skipped to protect the VDI chain. */
export function NextBackups({ poolId, poolName }: { poolId: number; poolName: string }) {
  const forecast = usePoolForecast(poolId);
  const wallNow = useNow(10_000);
  const [showAll, setShowAll] = useState(false);
  const headingId = `next-backups-${poolId}`;
  const data = forecast.data;
  const skips = data ? [...data.skips].sort(compareSkips) : [];
  const shown = showAll ? skips : skips.slice(0, SHOWN_FIRST);
  const nowMs = data ? poolNowMs(data.clock, wallNow) : wallNow;
  const backups = new Map(data?.backups.map((b) => [b.vmUuid, b]));

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>Next backups</h2>
        <p className="muted small">{poolName}</p>
      </div>
      {forecast.isPending && <Loading what="the forecasts" />}
      {!data && forecast.isError && <ErrorNote error={forecast.error} what={`the forecasts of ${poolName}`} />}
      {data && skips.length === 0 && <p className="muted">No VMs collected from this pool yet.</p>}
      {shown.length > 0 && (
        <ul className={styles.list} aria-label={`Next backup of each VM of ${poolName}, skipped backups first`}>
          {shown.map((skip) => (
            <BackupItem key={skip.vmUuid} skip={skip} backup={backups.get(skip.vmUuid)} vmName={data?.vmNames[skip.vmUuid] || skip.vmUuid} nowMs={nowMs} />
          ))}
        </ul>
      )}
      {skips.length > SHOWN_FIRST && (
        <p>
          <button type="button" className="linkish" onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show fewer' : `Show all ${skips.length} VMs`}
          </button>
        </p>
      )}
    </section>
  );
}
