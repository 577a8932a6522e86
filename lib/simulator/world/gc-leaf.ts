import type { VhdNode } from './model';
import { SECOND_MS, present, type GcRun } from './gc-run';
import { canLiveCoalesce, isLeafCoalesceable, storageSpeed, token, tokenText } from './gc-candidates';
import { finishVhdCoalesce, planVhdCoalesce, relinkAndDelete, startVhdCoalesce } from './gc-coalesce';
import { CoalesceTracker } from './gc-tracker';
import { sm } from './sm-log';
import { snapshotLeaf } from './vdi-ops';
import { refreshSrSizes, removeVdi, syncSmConfig, vhdPhysical } from './vdi-sync';
import { dataAt, indexTree, settle, unionBytes } from './vhd-tree';

/** Time for SM's internal single snapshot (`VDI.snapshot` with `type: internal`) and the rescan after it. */
const SINGLE_SNAPSHOT_MS = 3 * SECOND_MS;

function setLeafCoalesceConfig(run: GcRun, leaf: VhdNode, value: string | null): void {
  run.ctx.store.patchMap('VDI', leaf.vdiRef, 'other_config', { 'leaf-coalesce': value });
}

/** The `finally` of `coalesceLeaf`: SM always clears the VDI's `leaf-coalesce` key. */
function endLeafCoalesce(run: GcRun, leaf: VhdNode): void {
  if (present(run, leaf)) {
    setLeafCoalesceConfig(run, leaf, null);
    run.proc.gc(sm.removedLeafCoalesce(token(run, leaf, true)));
  }
}

/** SM gives up on this leaf for the rest of the GC process; it needs an offline coalesce (VM shut down). */
function giveUp(run: GcRun, leaf: VhdNode, tracker: CoalesceTracker): void {
  for (const line of tracker.reasoning()) run.proc.gc(line);
  setLeafCoalesceConfig(run, leaf, 'offline');
  run.proc.gc(sm.setLeafCoalesceOffline(token(run, leaf, true)));
  endLeafCoalesce(run, leaf);
  run.proc.gc('*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*');
  run.proc.gc('         ***********************');
  run.proc.gc('         *  E X C E P T I O N  *');
  run.proc.gc('         ***********************');
  run.proc.gc(sm.exception('leaf-coalesce', 'util.SMException', `VDI ${leaf.uuid} could not be coalesced`));
  run.proc.gc('  File "/opt/xensource/sm/cleanup.py", line 2035, in coalesceLeaf\n    self._coalesceLeaf(vdi)\n');
  run.proc.gc('*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*');
  run.proc.gc(sm.leafCoalesceFailed(token(run, leaf, true)));
  run.failed.add(leaf.uuid);
}

/**
 * `_liveLeafCoalesce`: pause the VM, merge the leaf into its parent, and let the parent take the
 * leaf's identity (the VDI keeps its uuid and ref; the base copy's record is forgotten). The VM
 * stays paused and SM holds the SR lock throughout, so nothing else can touch this chain: the
 * tree changes at once and only the log lines wait for the merge to end.
 */
function liveLeafCoalesce(run: GcRun, leaf: VhdNode, next: () => void): void {
  const { ctx, sr, proc } = run;
  const parent = sr.vhds.get(leaf.parentUuid as string) as VhdNode;
  run.filter.logState(proc);
  const plan = planVhdCoalesce(run, leaf);
  startVhdCoalesce(run, leaf);
  const atMs = ctx.nowMs();
  settle(leaf, atMs);
  leaf.dataBytes = unionBytes(dataAt(parent, atMs), leaf.dataBytes, leaf.virtualSizeBytes);
  leaf.parentUuid = parent.parentUuid;
  removeVdi(ctx, sr, parent);
  syncSmConfig(ctx, leaf);
  ctx.queue.schedule(atMs + plan.durationMs, () => {
    finishVhdCoalesce(run, leaf, plan, 'live-leaf-coalesce', parent);
    proc.gc(`Removed vhd-parent from ${tokenText(run, leaf, true)}`);
    proc.gc(`Removed vhd-blocks from ${tokenText(run, leaf, true)}`);
    refreshSrSizes(ctx, sr);
    run.filter.logState(proc);
    endLeafCoalesce(run, leaf);
    next();
  });
}

/**
 * One snapshot-coalesce iteration (`_snapshotCoalesce`): snapshot the leaf so its data moves
 * into a temporary base copy, coalesce that into the parent while the VM keeps writing to the
 * fresh leaf, then ask the tracker whether the leaf shrank.
 */
function snapshotCoalesce(run: GcRun, leaf: VhdNode, tracker: CoalesceTracker, next: () => void): void {
  const { ctx, sr, proc } = run;
  const prevSize = vhdPhysical(sr, leaf, ctx.nowMs());
  proc.gc(sm.singleSnapshotting(token(run, leaf, true)));
  const { base: temp } = snapshotLeaf(ctx, sr, leaf, null, proc);
  ctx.queue.schedule(ctx.nowMs() + SINGLE_SNAPSHOT_MS, () => {
    proc.gc(`Single-snapshot returned: ${temp.vdiRef}`);
    run.filter.logState(proc);
    const parent = sr.vhds.get(temp.parentUuid as string) as VhdNode;
    proc.gc(sm.coalescingParent(token(run, temp, true)));
    const plan = planVhdCoalesce(run, temp);
    startVhdCoalesce(run, temp);
    ctx.queue.schedule(ctx.nowMs() + plan.durationMs, () => {
      finishVhdCoalesce(run, temp, plan, 'snapshot-coalesce', parent);
      relinkAndDelete(run, temp, parent);
      if (!present(run, leaf) || !isLeafCoalesceable(indexTree(sr), run, leaf)) {
        proc.gc('The VDI tree appears to have been altered since');
        endLeafCoalesce(run, leaf);
        next();
        return;
      }
      const step = tracker.step(prevSize, vhdPhysical(sr, leaf, ctx.nowMs()));
      if (step.noProgressAttempt !== null) proc.gc(sm.noProgress(step.noProgressAttempt));
      if (step.abort) {
        giveUp(run, leaf, tracker);
        next();
        return;
      }
      leafLoop(run, leaf, tracker, next);
    });
  });
}

function leafLoop(run: GcRun, leaf: VhdNode, tracker: CoalesceTracker, next: () => void): void {
  if (canLiveCoalesce(run, leaf, storageSpeed(run))) liveLeafCoalesce(run, leaf, next);
  else snapshotCoalesce(run, leaf, tracker, next);
}

/** `SR.coalesceLeaf`: merge a leaf whose parent has only it, live if small enough, else by snapshot-coalesce rounds. */
export function coalesceLeaf(run: GcRun, leaf: VhdNode, next: () => void): void {
  const parent = run.sr.vhds.get(leaf.parentUuid as string) as VhdNode;
  run.proc.gc(sm.leafCoalescing(token(run, leaf, true), token(run, parent)));
  leafLoop(run, leaf, new CoalesceTracker(), next);
}

