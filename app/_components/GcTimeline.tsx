'use client';
import type { GcEventView } from '@/lib/db/read/gc-event-view';
import { describeGcEvent, gcEventTone } from './gc-event-text';
import { formatFull, formatStamp, isoTime } from './format';

/** SMGC activity, newest first, in words; the logged line is in each entry's tooltip. */
export function GcTimeline({ events, nowMs, label }: { events: GcEventView[]; nowMs: number; label: string }) {
  if (events.length === 0) return <p className="muted">No GC activity recorded.</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((e) => (
        <li key={e.key} className={`tone-${gcEventTone(e)}`} title={e.message}>
          <time dateTime={isoTime(e.atMs)} title={formatFull(e.atMs)}>
            {formatStamp(e.atMs, nowMs)}
          </time>
          <span className="what">{describeGcEvent(e)}</span>
          <span className="muted small who">
            {e.host} [{e.pid}]
          </span>
        </li>
      ))}
    </ol>
  );
}
