/**
 * One SR at one moment: every chain with its state, and the aggregates stored per collection.
 * Chains come from the XAPI records checked against the scan when there is one (the scan has
 * the last word on parents); XO's verdicts come from XAPI's own `vhd-parent` links, because
 * that is what XO reads, stale or not.
 */
import { allChains, buildForest } from '../chains/forest';
import { reconcileWithScan } from '../chains/from-xapi';
import { gcRoles } from '../chains/gc-roles';
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
  const roles = gcRoles(forest);
  // XO checks the VDIs of a VM before its backup: every managed VDI is a candidate.
  const managedIds: string[] = [];
  for (const [id, node] of xapiForest.nodes) if (node.record.managed) managedIds.push(id);
  const xoUnhealthy = new Set(
    xoChainVerdict(xapiForest, managedIds, input.tolerance)
      .perVdi.filter((check) => !check.healthy)
      .map((check) => check.vdiId),
  );

  const chains: ChainView[] = allChains(forest).map((chain) => ({
    leafUuid: chain.leafId,
    rootUuid: chain.rootId,
    length: chain.length,
    hiddenCount: chain.hidden,
    sizeBytes: chain.sizeBytes,
    state: chainState(forest, roles, chain, input.switches),
    xoUnhealthy: xoUnhealthy.has(chain.leafId),
  }));

  let hiddenNodes = 0;
  let backlogNodes = 0;
  let backlogBytes = 0;
  const chainLengthByUuid = new Map<string, number>();
  for (const [id, node] of forest.nodes) {
    chainLengthByUuid.set(id, node.chainLength);
    if (node.record.hidden) hiddenNodes++;
    const role = roles.get(id);
    if (role === 'coalesceable' || role === 'leaf-coalesceable') {
      backlogNodes++;
      backlogBytes += node.record.sizeBytes;
    }
  }
  let xoUnhealthyCount = 0;
  for (const id of xoUnhealthy) if (!xapiForest.nodes.get(id)!.record.isSnapshot) xoUnhealthyCount++;

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
