/**
 * Will the next backup of a VM run? XO skips it ("Job canceled to protect the VDI chain")
 * when, walking up from one of the VM's disks, more base copies than the tolerance
 * (`maxUncoalescedVdis`, default 1) are unmanaged with a single unmanaged child; if XO lets
 * it through, SM refuses the snapshot of a chain 30 VHDs deep (`SnapshotChainTooLong`).
 * The GC forecast says what the chains will look like at backup time: the GC only removes
 * base copies, so a VM healthy now stays healthy until its backup.
 */
import { buildForest } from '../chains/forest';
import { MAX_CHAIN_SIZE } from '../chains/limits';
import type { VhdRecord } from '../chains/types';
import { XO_DEFAULT_TOLERANCE, type XoChainVerdict, xoChainVerdict } from '../chains/xo-chain-rule';
import { formatDuration, formatRate, formatUtc, plural } from './format';
import type { GcQueueForecast } from './gc-queue-forecast';
import { type GcStep, SimTree, recordsAt } from './gc-sim-tree';
import { clamp01, round2 } from './robust-stats';
import type { Confidence } from './types';

export type SkipVerdict = 'ok' | 'skip' | 'snapshot-fails' | 'unknown';

export interface SkipForecastInput {
  vmUuid: string;
  /** The VM's attached disks (leaf VDI ids). */
  vdiIds: readonly string[];
  /** When the VM's next backup is expected (backup-cadence), null when unknown. */
  nextBackupMs: number | null;
  /** Confidence in that time. */
  scheduleConfidence: Confidence;
  /** Records of the SRs holding the disks, as XAPI shows them (XO walks XAPI's `vhd-parent`). */
  records: readonly VhdRecord[];
  /** GC forecasts of those SRs. */
  gcForecasts: readonly GcQueueForecast[];
  /** Confidence in the coalesce speed behind the GC forecasts. */
  speedConfidence: Confidence;
  /** XO `maxUncoalescedVdis` (default 1). */
  tolerance?: number;
  /** The job sets `bypassVdiChainsCheck`. */
  bypassChainCheck?: boolean;
}

export interface SkipForecast {
  vmUuid: string;
  nextBackupMs: number | null;
  verdict: SkipVerdict;
  confidence: Confidence;
  reasons: string[];
  /** Uncoalesced base copies (the XO count) now and at backup time. */
  uncoalescedNow: number;
  uncoalescedAtBackup: number | null;
  /** Longest chain of the VM's disks at backup time (now when unknown). */
  chainLengthAtBackup: number;
  /** When XO's rule will pass again; now when it passes; null when the GC cannot get there or the speed is unknown. */
  healthyAtMs: number | null;
}

function verdictOn(records: VhdRecord[], vdiIds: readonly string[], tolerance: number): { xo: XoChainVerdict; chainLength: number } {
  const forest = buildForest(records);
  const chainLength = Math.max(0, ...vdiIds.map((id) => forest.nodes.get(id)?.chainLength ?? 0));
  return { xo: xoChainVerdict(forest, [...vdiIds], tolerance), chainLength };
}

/** Replays the GC's steps on this VM's chains until XO's rule passes. */
function whenHealthy(input: SkipForecastInput, steps: readonly GcStep[], tolerance: number): { atMs: number | null; timesKnown: boolean } {
  const tree = new SimTree(input.records);
  const mine = new Set(input.vdiIds);
  for (const step of steps) {
    tree.apply(step);
    if (!step.leafIds.some((id) => mine.has(id))) continue;
    if (step.endMs === null) return { atMs: null, timesKnown: false };
    if (verdictOn(tree.records(), input.vdiIds, tolerance).xo.healthy) return { atMs: step.endMs, timesKnown: true };
  }
  return { atMs: null, timesKnown: true };
}

function orderedSteps(forecasts: readonly GcQueueForecast[]): GcStep[] {
  return forecasts.flatMap((f) => f.steps).sort((a, b) => (a.endMs ?? Number.POSITIVE_INFINITY) - (b.endMs ?? Number.POSITIVE_INFINITY));
}

/** 1 when the GC's finish and the backup are a factor 2 apart or more, near 0 when they coincide. */
function marginFactor(healthyAtMs: number, backupMs: number, nowMs: number): number {
  const needed = Math.max(1, healthyAtMs - nowMs);
  const available = Math.max(1, backupMs - nowMs);
  return clamp01(Math.abs(Math.log(needed / available)) / Math.LN2);
}

export function forecastSkip(input: SkipForecastInput, nowMs: number): SkipForecast {
  const tolerance = input.tolerance ?? XO_DEFAULT_TOLERANCE;
  const current = verdictOn([...input.records], input.vdiIds, tolerance);
  const steps = orderedSteps(input.gcForecasts);
  const healthy = current.xo.healthy ? { atMs: nowMs, timesKnown: true } : whenHealthy(input, steps, tolerance);
  const rate = input.gcForecasts.find((f) => f.bytesPerSec !== null)?.bytesPerSec ?? null;
  const atRate = rate === null ? '' : ` at ${formatRate(rate)}`;
  const count = (n: number) => plural(n, 'uncoalesced base copy', 'uncoalesced base copies');
  const base = {
    vmUuid: input.vmUuid,
    nextBackupMs: input.nextBackupMs,
    uncoalescedNow: current.xo.uncoalesced,
    healthyAtMs: healthy.atMs,
  };
  const unknown = (reason: string): SkipForecast => ({
    ...base,
    verdict: 'unknown',
    confidence: 0,
    uncoalescedAtBackup: null,
    chainLengthAtBackup: current.chainLength,
    reasons: [reason],
  });

  if (input.nextBackupMs === null) return unknown(`The next backup time is unknown. If it ran now: ${current.xo.reason}.`);
  const backupMs = input.nextBackupMs;
  const inText = `the backup is in ${formatDuration(backupMs - nowMs)} (${formatUtc(backupMs)})`;
  const sched = input.scheduleConfidence;
  const speedWeight = 0.5 + 0.5 * input.speedConfidence;

  if (!current.xo.healthy && !input.bypassChainCheck && !healthy.timesKnown) {
    return unknown(
      `${count(current.xo.uncoalesced)} now (XO tolerates ${tolerance}); ${rate === null ? 'the coalesce speed of this SR is unknown' : 'the GC is busy with snapshot-coalesce rounds of unknown length'}, so whether it clears them before ${inText} cannot be told.`,
    );
  }

  const atBackup = verdictOn(recordsAt(input.records, steps, backupMs), input.vdiIds, tolerance);
  const reasons: string[] = [];
  let verdict: SkipVerdict;
  let confidence: number;
  if (!atBackup.xo.healthy && !input.bypassChainCheck) {
    verdict = 'skip';
    if (healthy.atMs === null) {
      reasons.push(`${count(current.xo.uncoalesced)} (XO tolerates ${tolerance}) and the GC cannot merge them as things stand; ${inText} → skipped (Job canceled to protect the VDI chain).`);
      confidence = sched * 0.9;
    } else {
      reasons.push(
        `${count(current.xo.uncoalesced)}; the GC needs ~${formatDuration(healthy.atMs - nowMs)}${atRate} and ${inText} → skipped (Job canceled to protect the VDI chain).`,
      );
      confidence = sched * speedWeight * (0.3 + 0.7 * marginFactor(healthy.atMs, backupMs, nowMs));
    }
  } else {
    if (current.xo.healthy) {
      reasons.push(`${count(current.xo.uncoalesced)} (XO tolerates ${tolerance}): ${inText} and goes ahead.`);
      confidence = sched * 0.95;
    } else if (input.bypassChainCheck) {
      reasons.push(`${count(current.xo.uncoalesced)}, but the job bypasses XO's chain check.`);
      confidence = sched * 0.9;
    } else {
      reasons.push(`${count(current.xo.uncoalesced)} now; the GC should clear them in ~${formatDuration(healthy.atMs! - nowMs)}${atRate}, before ${inText}.`);
      confidence = sched * speedWeight * (0.3 + 0.7 * marginFactor(healthy.atMs!, backupMs, nowMs));
    }
    verdict = atBackup.chainLength >= MAX_CHAIN_SIZE ? 'snapshot-fails' : 'ok';
  }
  if (atBackup.chainLength >= MAX_CHAIN_SIZE) {
    reasons.push(`A disk's chain will be ${atBackup.chainLength} VHDs deep at backup time: SM refuses to snapshot a chain of ${MAX_CHAIN_SIZE} (SnapshotChainTooLong).`);
  } else if (atBackup.chainLength >= MAX_CHAIN_SIZE - 3) {
    reasons.push(`Chain ${atBackup.chainLength} VHDs deep: ${plural(MAX_CHAIN_SIZE - atBackup.chainLength, 'snapshot')} left before SM's limit of ${MAX_CHAIN_SIZE}.`);
  }
  return {
    ...base,
    verdict,
    confidence: round2(clamp01(confidence)),
    uncoalescedAtBackup: atBackup.xo.uncoalesced,
    chainLengthAtBackup: atBackup.chainLength,
    reasons,
  };
}
