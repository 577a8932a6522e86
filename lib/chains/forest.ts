/**
 * VHD records → a forest of trees, with depth, height and root of every node.
 *
 * Real data can be broken (a stale `vhd-parent`, a hand-edited header), so nothing here
 * recurses or trusts a parent link: cycles are cut and reported, parents that are not there
 * are reported and their children become roots, repeated ids are dropped and reported.
 * Every pass is linear: nodes are numbered once and worked on through typed arrays.
 */
import type { Chain, Forest, ForestNode, VhdRecord } from './types';

const NONE = -1;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drops every parent link that closes a cycle (at the smallest id of the cycle) and returns the cycles found. */
function breakCycles(ids: string[], parent: Int32Array): string[][] {
  const n = ids.length;
  const walkOf = new Int32Array(n).fill(NONE);
  const posInWalk = new Int32Array(n);
  const cycles: string[][] = [];
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (walkOf[start] !== NONE) continue;
    path.length = 0;
    let cur = start;
    while (cur !== NONE && walkOf[cur] === NONE) {
      walkOf[cur] = start;
      posInWalk[cur] = path.length;
      path.push(cur);
      cur = parent[cur];
    }
    if (cur === NONE || walkOf[cur] !== start) continue;
    const members = path.slice(posInWalk[cur]);
    let cutAt = 0;
    for (let i = 1; i < members.length; i++) {
      if (compareIds(ids[members[i]], ids[members[cutAt]]) < 0) cutAt = i;
    }
    const ordered = members.slice(cutAt).concat(members.slice(0, cutAt));
    cycles.push(ordered.map((i) => ids[i]));
    parent[members[cutAt]] = NONE;
  }
  return cycles;
}

/** Children of every node as one flat list (CSR): those of `i` are `list[start[i] .. start[i + 1])`. */
function childLists(parent: Int32Array, records: VhdRecord[]): { start: Int32Array; list: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] !== NONE) start[parent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) if (parent[i] !== NONE) list[fill[parent[i]]++] = i;
  // `vhd-util scan -p` prints non-hidden children first; the same order keeps trees comparable.
  const byVisibilityThenId = (a: number, b: number): number =>
    Number(records[a].hidden) - Number(records[b].hidden) || compareIds(records[a].id, records[b].id);
  for (let i = 0; i < n; i++) if (start[i + 1] - start[i] > 1) list.subarray(start[i], start[i + 1]).sort(byVisibilityThenId);
  return { start, list };
}

/** Root positions (the first `rootCount` of the order), tallest tree first, ties in order: a counting sort. */
function rootsTallestFirst(rootCount: number, height: Int32Array, order: Int32Array): number[] {
  let maxHeight = 0;
  for (let k = 0; k < rootCount; k++) if (height[order[k]] > maxHeight) maxHeight = height[order[k]];
  const buckets: number[][] = Array.from({ length: maxHeight + 1 }, () => []);
  for (let k = 0; k < rootCount; k++) buckets[maxHeight - height[order[k]]].push(k);
  return buckets.flat();
}

export function buildForest(records: VhdRecord[]): Forest {
  const nodes = new Map<string, ForestNode>();
  const made: ForestNode[] = [];
  const duplicateIds: string[] = [];
  for (const record of records) {
    if (nodes.has(record.id)) {
      duplicateIds.push(record.id);
      continue;
    }
    const node: ForestNode = { record, index: made.length, parentId: null, childIds: [], depth: 0, rootId: record.id, chainLength: 1, height: 0 };
    nodes.set(record.id, node);
    made.push(node);
  }
  const n = made.length;
  const kept = made.map((node) => node.record);
  const ids = kept.map((r) => r.id);

  const parent = new Int32Array(n).fill(NONE);
  const unknownParents: Forest['unknownParents'] = [];
  for (let i = 0; i < n; i++) {
    const parentId = kept[i].parentId;
    if (parentId === null) continue;
    const p = nodes.get(parentId);
    if (p === undefined) unknownParents.push({ childId: ids[i], parentId });
    else parent[i] = p.index;
  }
  const cycles = breakCycles(ids, parent);
  const { start, list } = childLists(parent, kept);

  // Breadth first from all roots at once, so `order` also runs by increasing depth.
  const order = new Int32Array(n);
  const positionOf = new Int32Array(n);
  const firstChildAt = new Int32Array(n).fill(NONE);
  const depth = new Int32Array(n);
  const root = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (parent[i] === NONE) {
      order[tail++] = i;
      root[i] = i;
    }
  }
  const rootCount = tail;
  for (let head = 0; head < tail; head++) {
    const p = order[head];
    positionOf[p] = head;
    if (start[p + 1] > start[p]) firstChildAt[head] = tail;
    for (let c = start[p]; c < start[p + 1]; c++) {
      const child = list[c];
      depth[child] = depth[p] + 1;
      root[child] = root[p];
      order[tail++] = child;
    }
  }

  const height = new Int32Array(n);
  const parentAt = new Int32Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    const p = parent[i];
    parentAt[k] = p === NONE ? NONE : positionOf[p];
    if (p !== NONE && height[i] + 1 > height[p]) height[p] = height[i] + 1;
  }

  const orderIds: string[] = new Array(n);
  const orderNodes: ForestNode[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const node = made[i];
    node.index = k;
    node.parentId = parent[i] === NONE ? null : ids[parent[i]];
    for (let c = start[i]; c < start[i + 1]; c++) node.childIds.push(ids[list[c]]);
    node.depth = depth[i];
    node.rootId = ids[root[i]];
    node.chainLength = depth[i] + 1;
    node.height = height[i];
    orderIds[k] = ids[i];
    orderNodes[k] = node;
  }

  // Deepest level first; within a level, in tree order.
  const leafIds: string[] = [];
  for (let end = n; end > 0; ) {
    let begin = end - 1;
    while (begin > 0 && depth[order[begin - 1]] === depth[order[end - 1]]) begin--;
    for (let k = begin; k < end; k++) if (orderNodes[k].childIds.length === 0) leafIds.push(orderIds[k]);
    end = begin;
  }

  return {
    nodes,
    order: orderIds,
    orderNodes,
    parentAt,
    firstChildAt,
    rootIds: rootsTallestFirst(rootCount, height, order).map((k) => orderIds[k]),
    leafIds,
    unknownParents,
    cycles,
    duplicateIds,
  };
}

export function parentOf(forest: Forest, node: ForestNode): ForestNode | undefined {
  return node.parentId === null ? undefined : forest.nodes.get(node.parentId);
}

/** The chain from the root down to `leafId` (any node works: its chain is root → node). */
export function chainOf(forest: Forest, leafId: string): Chain {
  const leaf = forest.nodes.get(leafId);
  if (leaf === undefined) throw new Error(`No VHD ${leafId} in this forest`);
  const pathIds = new Array<string>(leaf.chainLength);
  let hidden = 0;
  let sizeBytes = 0;
  let node: ForestNode | undefined = leaf;
  for (let k = leaf.chainLength - 1; k >= 0 && node !== undefined; k--) {
    pathIds[k] = node.record.id;
    if (node.record.hidden) hidden++;
    sizeBytes += node.record.sizeBytes;
    node = parentOf(forest, node);
  }
  return {
    leafId,
    leafName: leaf.record.name,
    rootId: leaf.rootId,
    length: leaf.chainLength,
    hidden,
    sizeBytes,
    pathIds,
  };
}

/** One chain per leaf, deepest first. */
export function allChains(forest: Forest): Chain[] {
  return forest.leafIds.map((id) => chainOf(forest, id));
}
