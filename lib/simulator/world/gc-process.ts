import type { SimSr, WorldContext } from './model';
import { SECOND_MS, type GcRun } from './gc-run';
import { findCoalesceable, findGarbage, findLeafCoalesceable, hasWork, tokenText, updateTaskProgress } from './gc-candidates';
import { coalescePair } from './gc-coalesce';
import { coalesceLeaf } from './gc-leaf';
import { LogFilter } from './gc-log-state';
import { reportNoSpace } from './gc-no-space';
import { newPid, sm, smHostOf, smProcess, type SmProcess } from './sm-log';
import { makeTaskRecord } from './records/task-record';
import { opaqueRef } from './records/xapi-values';
import { refreshSrSizes, removeVdi } from './vdi-sync';
import { toXapiDateTime } from './xapi-datetime';
import type { StringMap } from './records/xapi-values';

/** `GCPAUSE_DEFAULT_SLEEP`: a GC that finds work waits this long first (when a GC already ran since boot). */
export const GC_QUIET_PERIOD_MS = 5 * 60 * SECOND_MS;
/** From the kick to the daemonized GC process scanning the SR. */
const GC_START_DELAY_MS = 1 * SECOND_MS;
/** Between two rounds of the GC loop (rescan, srUpdate). */
const GC_ROUND_MS = 2 * SECOND_MS;

function srName(ctx: WorldContext, sr: SimSr): string {
  return String(ctx.store.get('SR', sr.ref)?.name_label ?? '');
}

/** `sr.xapi.srUpdate()`: the asynchronous SR.update SMGC runs after changing the SR. */
function srUpdate(run: GcRun): void {
  run.proc.gc(`Starting asynch srUpdate for SR ${run.sr.uuid}`);
  refreshSrSizes(run.ctx, run.sr);
  run.proc.gc('SR.update_asynch status changed to [success]');
}

function createTask(run: GcRun): void {
  const { ctx, sr } = run;
  const uuid = ctx.rng.uuid();
  run.taskRef = opaqueRef(ctx.rng.uuid());
  ctx.store.add(
    'task',
    run.taskRef,
    makeTaskRecord({
      uuid,
      nameLabel: 'Garbage Collection',
      nameDescription: `Garbage collection for SR ${sr.uuid}`,
      createdMs: ctx.nowMs(),
      residentOnRef: run.proc.host.ref,
      otherConfig: { applies_to: sr.ref },
    }),
  );
}

/** The GC ends: task marked done (and destroyed with SM's session), the closing log lines. */
function exit(run: GcRun): void {
  const { ctx, sr, proc } = run;
  reportNoSpace(run);
  if (run.taskRef !== null) {
    ctx.store.patch('task', run.taskRef, { status: 'success', finished: toXapiDateTime(ctx.nowMs()) });
    ctx.store.remove('task', run.taskRef);
  }
  proc.gc(sm.gcExit());
  run.filter.logState(proc);
  sr.gcActive = false;
  sr.gcInitDone = true;
}

function collectGarbage(run: GcRun): void {
  const garbage = findGarbage(run);
  if (garbage.length === 0) return;
  run.proc.gc(`Found ${garbage.length} orphaned vdis`);
  run.proc.gc(`Found ${garbage.length} VDIs for deletion:`);
  for (const node of garbage) run.proc.gc(`  ${tokenText(run, node)}`);
  for (const node of garbage) {
    run.proc.gc(`Deleting unlinked VDI ${tokenText(run, node)}`);
    removeVdi(run.ctx, run.sr, node);
  }
  srUpdate(run);
}


/** One pass of `_gcLoop`'s `while True`. */
function round(run: GcRun): void {
  const { ctx, proc } = run;
  const again = () => ctx.queue.schedule(ctx.nowMs() + GC_ROUND_MS, () => round(run));
  run.filter.logState(proc);
  if (!hasWork(run)) {
    proc.gc(sm.noWork());
    exit(run);
    return;
  }
  updateTaskProgress(run);
  run.filter.logState(proc);
  collectGarbage(run);
  const done = () => {
    srUpdate(run);
    run.coalesced++;
    again();
  };
  const candidate = findCoalesceable(run);
  if (candidate) return coalescePair(run, candidate, done);
  const leaf = findLeafCoalesceable(run);
  if (leaf) return coalesceLeaf(run, leaf, done);
  again();
}

function gcDisabled(ctx: WorldContext, sr: SimSr): boolean {
  return (ctx.store.get('SR', sr.ref)?.other_config as StringMap | undefined)?.gc === 'false';
}

/** The daemonized GC process (`_gc` → `_gcLoop`). */
function runGc(ctx: WorldContext, sr: SimSr, proc: SmProcess): void {
  const name = srName(ctx, sr);
  if (gcDisabled(ctx, sr)) {
    proc.gc('GC is disabled for this SR, abort');
    return;
  }
  if (sr.gcActive) {
    proc.gc(sm.alreadyActive());
    proc.gc(sm.treeHeader({ uuid: sr.uuid, name }, 0, 0, 'none'));
    return;
  }
  sr.gcActive = true;
  const run: GcRun = {
    ctx,
    sr,
    proc,
    filter: new LogFilter(ctx, sr, name),
    taskRef: null,
    coalesced: 0,
    coalescable: 0,
    failed: new Set(),
    noSpace: new Set(),
  };
  run.filter.logState(proc);
  if (!hasWork(run)) {
    proc.gc(sm.noWork());
    exit(run);
    return;
  }
  createTask(run);
  if (!sr.gcInitDone) {
    round(run);
    return;
  }
  proc.gc(sm.gcQuiet());
  ctx.queue.schedule(ctx.nowMs() + GC_QUIET_PERIOD_MS, () => {
    proc.gc('  Child process completed successfully');
    proc.gc('GC active, quiet period ended');
    round(run);
  });
}

/**
 * `cleanup.gc(..., inBackground=True)`, as SM starts it after deleting a VDI or scanning the SR:
 * log the start, daemonize, and run the GC unless one is already active on the SR.
 */
export function kickGc(ctx: WorldContext, sr: SimSr, caller: SmProcess | null): void {
  const host = smHostOf(ctx, sr);
  caller?.sm('Kicking GC');
  const starter = smProcess(ctx, host);
  starter.gc(sm.gcStart(sr.uuid));
  const middle = newPid(ctx, host);
  const gcPid = newPid(ctx, host);
  smProcess(ctx, host, middle).gc(`Will finish as PID [${gcPid}]`);
  starter.gc(`New PID [${middle}]`);
  ctx.queue.schedule(ctx.nowMs() + GC_START_DELAY_MS, () => runGc(ctx, sr, smProcess(ctx, host, gcPid)));
}
