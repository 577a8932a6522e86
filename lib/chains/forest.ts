/**
 * VHD records → a forest of trees, with depth, height and root of every node.
 *
 * Real data can be broken (a stale `vhd-parent`, a hand-edited header), so nothing here
 * recurses or trusts a parent link: cycles are cut and reported, parents that are not there
 * are reported and their children become roots, repeated ids are dropped and reported.
 * Every pass is linear: nodes are numbered once and worked on through typed arrays.
 */
import { breakCycles, compareIds, NONE } from './parent-cycles';
import type { Chain, Forest, ForestColumns, ForestNode, VhdRecord } from './types';

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
  for (let i = 0; i < n; i++) {
    const count = start[i + 1] - start[i];
    if (count > 2) list.subarray(start[i], start[i + 1]).sort(byVisibilityThenId);
    else if (count === 2 && byVisibilityThenId(list[start[i]], list[start[i] + 1]) > 0) {
      const first = list[start[i]];
      list[start[i]] = list[start[i] + 1];
      list[start[i] + 1] = first;
    }
  }
  return { start, list };
}

/** One node per record, by id; a repeated id keeps its first record (rare, so checked after the fact). */
function indexRecords(records: VhdRecord[]): { nodes: Map<string, ForestNode>; made: ForestNode[]; duplicateIds: string[] } {
  // Every field but `record` is set again once the breadth-first order is known.
  const unset: string[] = [];
  const made = records.map(
    (record, index): ForestNode => ({
      record,
      index,
      parentId: null,
      childIds: unset,
      depth: 0,
      rootId: record.id,
      chainLength: 1,
      height: 0,
    }),
  );
  const nodes = new Map<string, ForestNode>();
  for (const node of made) nodes.set(node.record.id, node);
  if (nodes.size === made.length) return { nodes, made, duplicateIds: [] };
  nodes.clear();
  const firsts: ForestNode[] = [];
  const duplicateIds: string[] = [];
  for (const node of made) {
    if (nodes.has(node.record.id)) {
      duplicateIds.push(node.record.id);
      continue;
    }
    node.index = firsts.length;
    nodes.set(node.record.id, node);
    firsts.push(node);
  }
  return { nodes, made: firsts, duplicateIds };
}

interface BreadthFirst {
  /** Node numbers in breadth-first order from all roots at once, so also by increasing depth. */
  order: Int32Array;
  positionOf: Int32Array;
  firstChildAt: Int32Array;
  depth: Int32Array;
  root: Int32Array;
  rootCount: number;
}

function breadthFirst(parent: Int32Array, start: Int32Array, list: Int32Array): BreadthFirst {
  const n = parent.length;
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
  return { order, positionOf, firstChildAt, depth, root, rootCount };
}

/** Root positions (the first `rootCount` of the order), tallest tree first, ties in order: a counting sort. */
function rootsTallestFirst(rootCount: number, height: Int32Array, order: Int32Array): number[] {
  let maxHeight = 0;
  for (let k = 0; k < rootCount; k++) if (height[order[k]] > maxHeight) maxHeight = height[order[k]];
  const buckets: number[][] = Array.from({ length: maxHeight + 1 }, () => []);
  for (let k = 0; k < rootCount; k++) buckets[maxHeight - height[order[k]]].push(k);
  return buckets.flat();
}

/** Leaf positions, deepest level first and in tree order within a level (the order runs by depth). */
function leavesDeepestFirst(bfs: BreadthFirst): number[] {
  const { order, depth, firstChildAt } = bfs;
  const leaves: number[] = [];
  for (let end = order.length; end > 0; ) {
    let begin = end - 1;
    while (begin > 0 && depth[order[begin - 1]] === depth[order[end - 1]]) begin--;
    for (let k = begin; k < end; k++) if (firstChildAt[k] === NONE) leaves.push(k);
    end = begin;
  }
  return leaves;
}

export function buildForest(records: VhdRecord[]): Forest {
  const { nodes, made, duplicateIds } = indexRecords(records);
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
  const bfs = breadthFirst(parent, start, list);
  const { order, positionOf, depth, root } = bfs;

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
  const columns: ForestColumns = {
    hidden: new Uint8Array(n),
    managed: new Uint8Array(n),
    isSnapshot: new Uint8Array(n),
    childCount: new Int32Array(n),
    sizeBytes: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const record = kept[i];
    const childCount = start[i + 1] - start[i];
    columns.hidden[k] = record.hidden ? 1 : 0;
    columns.managed[k] = record.managed ? 1 : 0;
    columns.isSnapshot[k] = record.isSnapshot ? 1 : 0;
    columns.childCount[k] = childCount;
    columns.sizeBytes[k] = record.sizeBytes;
    const childIds: string[] = new Array(childCount);
    for (let c = 0; c < childCount; c++) childIds[c] = ids[list[start[i] + c]];
    const node = made[i];
    node.index = k;
    node.parentId = parent[i] === NONE ? null : ids[parent[i]];
    node.childIds = childIds;
    node.depth = depth[i];
    node.rootId = ids[root[i]];
    node.chainLength = depth[i] + 1;
    node.height = height[i];
    orderIds[k] = ids[i];
    orderNodes[k] = node;
  }

  const leafPositions = leavesDeepestFirst(bfs);
  return {
    nodes,
    order: orderIds,
    orderNodes,
    parentAt,
    firstChildAt: bfs.firstChildAt,
    rootIds: rootsTallestFirst(bfs.rootCount, height, order).map((k) => orderIds[k]),
    leafIds: leafPositions.map((k) => orderIds[k]),
    leafAt: Int32Array.from(leafPositions),
    columns,
    unknownParents,
    cycles,
    duplicateIds,
  };
}

/** The chain from the root down to `leafId` (any node works: its chain is root → node). */
export function chainOf(forest: Forest, leafId: string): Chain {
  const leaf = forest.nodes.get(leafId);
  if (leaf === undefined) throw new Error(`No VHD ${leafId} in this forest`);
  const { hidden, sizeBytes } = forest.columns;
  const pathIds = new Array<string>(leaf.chainLength);
  let hiddenCount = 0;
  let bytes = 0;
  for (let k = leaf.index, at = leaf.chainLength - 1; k !== NONE; k = forest.parentAt[k], at--) {
    pathIds[at] = forest.order[k];
    hiddenCount += hidden[k];
    bytes += sizeBytes[k];
  }
  return {
    leafId,
    leafName: leaf.record.name,
    rootId: leaf.rootId,
    length: leaf.chainLength,
    hidden: hiddenCount,
    sizeBytes: bytes,
    pathIds,
  };
}

/** One chain per leaf, deepest first. */
export function allChains(forest: Forest): Chain[] {
  return forest.leafIds.map((id) => chainOf(forest, id));
}
