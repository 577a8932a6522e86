/**
 * One SR at one moment: every chain with its state, and the aggregates stored per collection.
 * Chains come from the XAPI records checked against the scan when there is one (the scan has
 * the last word on parents); XO's verdicts come from XAPI's own `vhd-parent` links, because
 * that is what XO reads, stale or not.
 */
import { allChains, buildForest } from '../chains/forest';
import { reconcileWithScan } from '../chains/from-xapi';
import { gcRolesByPosition } from '../chains/gc-roles';
import type { VhdRecord } from '../chains/types';
import { xoChainVerdict, xoVdisToCoalesce } from '../chains/xo-chain-rule';
import type { SrAggregateValues } from '../db/sr-samples';
import { chainState, type ChainState, type SrGcSwitches } from './chain-state';

export interface ChainView {
  leafUuid: string;
  rootUuid: string;
  length: number;
  hiddenCount: number;
  sizeBytes: number;
  state: ChainState;
  /** XO would skip a backup of this disk ("Job canceled to protect the VDI chain"). */
  xoUnhealthy: boolean;
}

export interface SrViewInput {
  /** recordsFromXapi() of the SR's VDIs. */
  xapiRecords: VhdRecord[];
  /** recordsFromScan() of the SR's scan, or null without one. */
  scanRecords: VhdRecord[] | null;
  switches: SrGcSwitches;
  /** Progress (0..1) of the SR's running "Garbage Collection" task, null when none runs. */
  gcTaskProgress: number | null;
  tolerance: number;
}

export interface SrView {
  chains: ChainView[];
  aggregates: SrAggregateValues;
  /** Chain length (root → VDI) of every VHD. */
  chainLengthByUuid: Map<string, number>;
}

export function buildSrView(input: SrViewInput): SrView {
  const xapiForest = buildForest(input.xapiRecords);
  const forest = input.scanRecords === null ? xapiForest : buildForest(reconcileWithScan(input.xapiRecords, input.scanRecords));
  // By position: 20,000 VHDs a sync, read from the forests' arrays without a node object each.
  const roles = gcRolesByPosition(forest);
  // XO checks the VDIs of a VM before its backup: every managed VDI is a candidate.
  const managedIds: string[] = [];
  for (let k = 0; k < xapiForest.size; k++) if (xapiForest.columns.managed[k] === 1) managedIds.push(xapiForest.idAt(k));
  const xoUnhealthy = new Set(
    xoChainVerdict(xapiForest, managedIds, input.tolerance)
      .perVdi.filter((check) => !check.healthy)
      .map((check) => check.vdiId),
  );

  // allChains follows forest.leafAt: chain i ends at position leafAt[i].
  const chains: ChainView[] = allChains(forest).map((chain, i) => ({
    leafUuid: chain.leafId,
    rootUuid: chain.rootId,
    length: chain.length,
    hiddenCount: chain.hidden,
    sizeBytes: chain.sizeBytes,
    state: chainState(forest, roles, forest.leafAt[i], input.switches),
    xoUnhealthy: xoUnhealthy.has(chain.leafId),
  }));

  let hiddenNodes = 0;
  let backlogNodes = 0;
  let backlogBytes = 0;
  const chainLengthByUuid = new Map<string, number>();
  const { hidden, sizeBytes } = forest.columns;
  for (let k = 0; k < forest.size; k++) {
    chainLengthByUuid.set(forest.idAt(k), forest.depthAt[k] + 1);
    if (hidden[k] === 1) hiddenNodes++;
    const role = roles[k];
    if (role === 'coalesceable' || role === 'leaf-coalesceable') {
      backlogNodes++;
      backlogBytes += sizeBytes[k];
    }
  }
  let xoUnhealthyCount = 0;
  for (const id of xoUnhealthy) if (xapiForest.columns.isSnapshot[xapiForest.positionOf(id)] === 0) xoUnhealthyCount++;

  return {
    chains,
    chainLengthByUuid,
    aggregates: {
      nodes: forest.nodes.size,
      hiddenNodes,
      chains: chains.length,
      backlogNodes,
      backlogBytes,
      maxChainLength: chains.reduce((max, chain) => Math.max(max, chain.length), 0),
      xoUnhealthyCount,
      xoVdisToCoalesce: xoVdisToCoalesce(xapiForest).count,
      gcRunning: input.gcTaskProgress !== null,
      gcProgress: input.gcTaskProgress,
    },
  };
}
