/**
 * Each VM's backup schedule, read from the snapshots its jobs took ("The snapshot times
 * reveal each VM's backup cadence"). A job's runs are grouped by time of day (UTC); each
 * time of day keeps the weekdays it ran on, so daily, every 6 h, weekdays only and weekly
 * all come out of one rule. A VM's own turn comes some minutes into the run: that offset is
 * measured from its past snapshots. Hand-written cron overrides add the jobs nothing shows.
 */
import { type CronOverride, nextCronOccurrence, overrideFor, parseCron } from './cron-override';
import { type BackupJobRef, backupJobOf, distinctRuns, jobKey, runTimeOf } from './backup-jobs';
import { formatUtc, plural } from './format';
import { median, round2 } from './robust-stats';
import type { Confidence, SnapshotRecord } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEK_MS = 7 * DAY_MS;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Runs within this many minutes of a time of day belong to it. */
const SLOT_TOLERANCE_MIN = 20;

export interface ScheduleSlot {
  /** UTC minutes after midnight. */
  minuteOfDay: number;
  /** 0 = Sunday. */
  daysOfWeek: number[];
  runs: number;
}

export interface JobCadence {
  job: BackupJobRef;
  vmUuids: string[];
  /** The run start times the schedule was read from (evidence). */
  runsMs: number[];
  slots: ScheduleSlot[];
  /** "daily at 02:00 UTC", "weekdays at 02:00 UTC", "every 6 h"... */
  description: string;
  nextRunMs: number | null;
  confidence: Confidence;
}

export interface VmBackupForecast {
  vmUuid: string;
  nextBackupMs: number | null;
  /** The job (or override) due first. */
  jobLabel: string | null;
  source: 'inferred' | 'override' | 'none';
  confidence: Confidence;
  evidence: string[];
}

export interface CadenceOptions {
  /** Snapshot history older than this is ignored (default 35 days). */
  historyMs?: number;
  overrides?: readonly CronOverride[];
  poolId?: string;
}

const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOfDay = (t: number): number => Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
const circularGap = (a: number, b: number): number => Math.min(Math.abs(a - b), 1440 - Math.abs(a - b));

/** Groups run times by time of day; a time of day replaced later (DST, an edited job) drops out. */
function slotsOf(runsMs: readonly number[]): ScheduleSlot[] {
  const groups: { minutes: number[]; runs: number[] }[] = [];
  for (const t of runsMs) {
    const m = minuteOfDay(t);
    const group = groups.find((g) => circularGap(median(g.minutes) ?? m, m) <= SLOT_TOLERANCE_MIN);
    if (group) {
      group.minutes.push(m);
      group.runs.push(t);
    } else groups.push({ minutes: [m], runs: [t] });
  }
  const latest = Math.max(...runsMs);
  return groups
    .filter((g) => Math.max(...g.runs) >= latest - WEEK_MS - DAY_MS)
    .map((g) => ({ minuteOfDay: Math.round(median(g.minutes) ?? 0), daysOfWeek: weekdaysOf(g.runs, latest), runs: g.runs.length }))
    .sort((a, b) => a.minuteOfDay - b.minuteOfDay);
}

/**
 * A weekday runs if a run was seen on it; one never seen counts as off only after two chances
 * to see it (a skipped backup leaves no snapshot, so one miss proves nothing). Runs a week
 * apart and never closer make a weekly job.
 */
function weekdaysOf(runs: readonly number[], latestMs: number): number[] {
  const seen = new Set(runs.map((t) => new Date(t).getUTCDay()));
  const gaps = runs.slice(1).map((t, i) => Math.round((t - runs[i]) / DAY_MS));
  if (gaps.length > 0 && gaps.every((g) => g >= 7 && g % 7 === 0)) return [...seen].sort();
  const chances = new Array<number>(7).fill(0);
  for (let day = runs[0]; day <= latestMs; day += DAY_MS) chances[new Date(day).getUTCDay()]++;
  // Weekdays-only is common enough that one whole weekend without a run settles it.
  const weekdaysOnly = [1, 2, 3, 4, 5].every((d) => seen.has(d)) && !seen.has(0) && !seen.has(6) && chances[0] > 0 && chances[6] > 0;
  if (weekdaysOnly) return [1, 2, 3, 4, 5];
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => seen.has(d) || chances[d] < 2);
}

function describe(slots: readonly ScheduleSlot[]): string {
  if (slots.length === 0) return 'no schedule';
  const sameDays = slots.every((s) => s.daysOfWeek.join() === slots[0].daysOfWeek.join());
  const days = slots[0].daysOfWeek;
  const dayText =
    days.length === 7 ? 'daily' : days.join() === '1,2,3,4,5' ? 'weekdays' : days.length === 1 ? `weekly on ${DAY_NAMES[days[0]]}` : days.map((d) => DAY_NAMES[d].slice(0, 3)).join(', ');
  if (!sameDays) return slots.map((s) => `${hhmm(s.minuteOfDay)} UTC (${s.daysOfWeek.map((d) => DAY_NAMES[d].slice(0, 3)).join(', ')})`).join('; ');
  const gaps = slots.map((s, i) => ((slots[(i + 1) % slots.length].minuteOfDay - s.minuteOfDay + 1440) % 1440 || 1440));
  if (slots.length >= 3 && gaps.every((g) => Math.abs(g - gaps[0]) <= SLOT_TOLERANCE_MIN)) {
    return `${days.length === 7 ? '' : `${dayText}, `}every ${Math.round(gaps[0] / 60)} h from ${hhmm(slots[0].minuteOfDay)} UTC`;
  }
  return `${dayText} at ${slots.map((s) => hhmm(s.minuteOfDay)).join(', ')} UTC`;
}

/** First slot time strictly after `afterMs`. */
function nextSlot(slots: readonly ScheduleSlot[], afterMs: number): number | null {
  let best: number | null = null;
  const dayStart = Math.floor(afterMs / DAY_MS) * DAY_MS;
  for (let d = 0; d <= 7; d++) {
    const day = dayStart + d * DAY_MS;
    const weekday = new Date(day).getUTCDay();
    for (const s of slots) {
      const t = day + s.minuteOfDay * MINUTE_MS;
      if (t > afterMs && s.daysOfWeek.includes(weekday) && (best === null || t < best)) best = t;
    }
    if (best !== null) return best;
  }
  return best;
}

/** Confidence grows with runs seen and falls when the job has gone quiet for longer than its rhythm. */
function cadenceConfidence(runsMs: readonly number[], slots: readonly ScheduleSlot[], nowMs: number): Confidence {
  if (slots.length === 0) return 0;
  const fitted = slots.reduce((n, s) => n + s.runs, 0) / runsMs.length;
  const perSlot = runsMs.length / slots.length;
  const fromCount = 1 - Math.exp(-perSlot / 3);
  const last = runsMs[runsMs.length - 1];
  const typicalGap = median(runsMs.slice(1).map((t, i) => t - runsMs[i])) ?? DAY_MS;
  const stale = nowMs - last > 3 * Math.max(typicalGap, DAY_MS) ? 0.5 : 1;
  return round2(fromCount * fitted * stale);
}

/** Every XO job (per schedule) seen in the snapshot history, with its inferred schedule. */
export function inferJobCadences(snapshots: readonly SnapshotRecord[], nowMs: number, options: CadenceOptions = {}): JobCadence[] {
  const fromMs = nowMs - (options.historyMs ?? 35 * DAY_MS);
  const byJob = new Map<string, { job: BackupJobRef; snaps: SnapshotRecord[] }>();
  for (const s of snapshots) {
    const job = backupJobOf(s);
    const at = runTimeOf(s);
    if (!job || at < fromMs || at > nowMs) continue;
    const entry = byJob.get(jobKey(job)) ?? { job, snaps: [] };
    entry.snaps.push(s);
    byJob.set(jobKey(job), entry);
  }
  return [...byJob.values()].map(({ job, snaps }) => {
    const runsMs = distinctRuns(snaps.map(runTimeOf));
    const slots = runsMs.length >= 2 ? slotsOf(runsMs) : [];
    return {
      job,
      vmUuids: [...new Set(snaps.map((s) => s.vmUuid))].sort(),
      runsMs,
      slots,
      description: runsMs.length < 2 ? `${plural(runsMs.length, 'run')} seen: not enough to tell the schedule` : describe(slots),
      nextRunMs: nextSlot(slots, nowMs),
      confidence: cadenceConfidence(runsMs, slots, nowMs),
    };
  });
}

/** How long after its job's start a VM's snapshot usually comes (jobs back VMs up in turn). */
function vmOffsetMs(snapshots: readonly SnapshotRecord[], vmUuid: string, job: BackupJobRef): number {
  const offsets = snapshots
    .filter((s) => s.vmUuid === vmUuid && backupJobOf(s) !== null && jobKey(backupJobOf(s)!) === jobKey(job))
    .map((s) => Math.max(0, s.snapshotTimeMs - runTimeOf(s)))
    .filter((o) => o < DAY_MS);
  return median(offsets) ?? 0;
}

/** Next expected backup of each VM: the earliest of its jobs' next runs and any cron override. */
export function forecastBackups(
  vmUuids: readonly string[],
  snapshots: readonly SnapshotRecord[],
  nowMs: number,
  options: CadenceOptions = {},
): VmBackupForecast[] {
  const cadences = inferJobCadences(snapshots, nowMs, options);
  return vmUuids.map((vmUuid) => {
    const candidates: { atMs: number; label: string; source: 'inferred' | 'override'; confidence: number; evidence: string }[] = [];
    for (const c of cadences) {
      if (!c.vmUuids.includes(vmUuid) || c.nextRunMs === null) continue;
      const offset = vmOffsetMs(snapshots, vmUuid, c.job);
      const last = c.runsMs[c.runsMs.length - 1];
      candidates.push({
        atMs: c.nextRunMs + offset,
        label: c.job.label,
        source: 'inferred',
        confidence: c.confidence,
        evidence: `Job "${c.job.label}": ${c.description}, from ${plural(c.runsMs.length, 'run')} (last ${formatUtc(last)})${offset >= MINUTE_MS ? `; this VM's turn comes ~${Math.round(offset / MINUTE_MS)} min into the run` : ''}.`,
      });
    }
    const override = overrideFor(options.overrides ?? [], vmUuid, options.poolId);
    const parsed = override ? parseCron(override.cron) : null;
    if (override && parsed?.ok) {
      const at = nextCronOccurrence(parsed.schedule, nowMs);
      if (at !== null) {
        candidates.push({ atMs: at, label: override.label ?? `cron ${override.cron}`, source: 'override', confidence: 0.9, evidence: `${override.scope === 'vm' ? 'VM' : 'Pool'} cron override "${override.cron}" (UTC).` });
      }
    }
    const first = candidates.sort((a, b) => a.atMs - b.atMs)[0];
    if (!first) {
      return { vmUuid, nextBackupMs: null, jobLabel: null, source: 'none', confidence: 0, evidence: ['No backup job seen for this VM and no cron override: the next backup time is unknown.'] };
    }
    return { vmUuid, nextBackupMs: first.atMs, jobLabel: first.label, source: first.source, confidence: first.confidence, evidence: candidates.map((c) => c.evidence) };
  });
}
