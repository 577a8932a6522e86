/** Every collection run, whatever its outcome, and the pool row's summary of the last one. */
import type { DbTx } from './rows';

export type RunOutcome = 'ok' | 'partial' | 'failed';
export type RunKind = 'full' | 'events' | 'connect';
export type SshStatus = 'ok' | 'unavailable' | 'disabled' | 'skipped';

export interface RunRecord {
  poolId: number;
  kind: RunKind;
  startedAtMs: number;
  finishedAtMs: number;
  outcome: RunOutcome;
  /** Readable, without secrets. */
  error: string | null;
  sshStatus: SshStatus;
  srsRebuilt: number;
  vdis: number;
  chainChanges: number;
  xapiMs: number;
  sshMs: number;
  writeMs: number;
  /** Wall time of the whole run (the clock may be simulated; durations are not). */
  totalMs: number;
}

const MAX_ERROR_CHARS = 2000;
/** Longest span one merged row may cover, so the history keeps some grain. */
const MAX_MERGED_SPAN_MS = 60 * 60 * 1000;

/**
 * Extends the pool's last row with this run when both are clean full collections that
 * follow each other within `mergeWithinMs` (no silence between them); returns false when a
 * new row is needed.
 */
async function extendLastRun(tx: DbTx, run: RunRecord, mergeWithinMs: number): Promise<boolean> {
  if (run.kind !== 'full' || run.outcome !== 'ok' || mergeWithinMs <= 0) return false;
  const last = await tx.collectionRun.findFirst({ where: { poolId: run.poolId }, orderBy: { startedAt: 'desc' } });
  if (last === null || last.kind !== 'full' || last.outcome !== 'ok') return false;
  const silenceMs = run.startedAtMs - last.finishedAt.getTime();
  if (silenceMs < 0 || silenceMs > mergeWithinMs || run.finishedAtMs - last.startedAt.getTime() > MAX_MERGED_SPAN_MS) return false;
  await tx.collectionRun.update({
    where: { id: last.id },
    data: {
      finishedAt: new Date(run.finishedAtMs),
      collections: { increment: 1 },
      // A run that skipped SSH (see sshIntervalMs) does not hide the last SSH read's status.
      sshStatus: run.sshStatus === 'skipped' ? last.sshStatus : run.sshStatus,
      srsRebuilt: run.srsRebuilt,
      vdis: run.vdis,
      chainChanges: { increment: run.chainChanges },
      xapiMs: Math.max(last.xapiMs, Math.round(run.xapiMs)),
      sshMs: Math.max(last.sshMs, Math.round(run.sshMs)),
      writeMs: Math.max(last.writeMs, Math.round(run.writeMs)),
      totalMs: Math.max(last.totalMs, Math.round(run.totalMs)),
    },
  });
  return true;
}

/** Records a run; a clean one right after a clean one extends it (durations kept as maxima). */
export async function recordRun(tx: DbTx, run: RunRecord, mergeWithinMs = 0): Promise<void> {
  const error = run.error === null ? null : run.error.slice(0, MAX_ERROR_CHARS);
  const finishedAt = new Date(run.finishedAtMs);
  await tx.pool.update({ where: { id: run.poolId }, data: { lastRunAt: finishedAt, lastOutcome: run.outcome, lastError: error } });
  if (await extendLastRun(tx, run, mergeWithinMs)) return;
  await tx.collectionRun.create({
    data: {
      poolId: run.poolId,
      kind: run.kind,
      startedAt: new Date(run.startedAtMs),
      finishedAt,
      outcome: run.outcome,
      error,
      sshStatus: run.sshStatus,
      srsRebuilt: run.srsRebuilt,
      vdis: run.vdis,
      chainChanges: run.chainChanges,
      xapiMs: Math.round(run.xapiMs),
      sshMs: Math.round(run.sshMs),
      writeMs: Math.round(run.writeMs),
      totalMs: Math.max(0, Math.round(run.totalMs)),
    },
  });
}
