'use client';
import type { SpeedReadingView } from '@/lib/db/read/speed-readings';
import { formatRate, formatWhen, isoTime } from './format';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The speeds SM measured after each coalesce (its speed_log), newest first. */
export function SpeedReadings({ readings, nowMs }: { readings: SpeedReadingView[]; nowMs: number }) {
  if (readings.length === 0) {
    return <p className="muted">No coalesce speed measured yet: SM writes one after each coalesce it finishes on this SR.</p>;
  }
  return (
    <>
      <p>
        Median of the last {readings.length}: <strong>{formatRate(median(readings.map((r) => r.bytesPerSec)))}</strong>
      </p>
      <ol className="speed-list">
        {readings.map((r, i) => (
          <li key={`${r.atMs}-${i}`}>
            <span className="num">{formatRate(r.bytesPerSec)}</span>{' '}
            <time className="muted small" dateTime={isoTime(r.atMs)}>
              {formatWhen(r.atMs, nowMs)}
            </time>
          </li>
        ))}
      </ol>
    </>
  );
}
