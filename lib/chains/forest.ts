/**
 * VHD records → a forest of trees, with depth, height and root of every node.
 *
 * Real data can be broken (a stale `vhd-parent`, a hand-edited header), so nothing here
 * recurses or trusts a parent link: cycles are cut and reported, parents that are not there
 * are reported and their children become roots, repeated ids are dropped and reported.
 * Every pass is linear: nodes are numbered once and worked on through typed arrays, and the
 * `ForestNode` objects are only made when someone asks for them (forest-nodes.ts).
 */
import { ForestNodeMap } from './forest-nodes';
import { IdIndex } from './id-index';
import { breakCycles, compareIds, NONE } from './parent-cycles';
import type { Chain, Forest, ForestColumns, VhdRecord } from './types';

/** Ancestors of the previous record tried as the parent before the index is asked. */
const NEARBY_STEPS = 4;

/** The records whose id is new, numbered in input order; a repeated id keeps its first record. */
function keepFirsts(records: VhdRecord[]): { kept: VhdRecord[]; index: IdIndex; duplicateIds: string[] } {
  const index = new IdIndex(records.length);
  const kept: VhdRecord[] = [];
  const duplicateIds: string[] = [];
  for (const record of records) {
    if (index.add(record.id) === kept.length) kept.push(record);
    else duplicateIds.push(record.id);
  }
  return { kept, index, duplicateIds };
}

/** Number of each record's parent, NONE for a root or a parent that is not there (reported). */
function parentsOf(kept: VhdRecord[], index: IdIndex, unknownParents: Forest['unknownParents']): Int32Array {
  const ids = index.ids;
  const parent = new Int32Array(kept.length).fill(NONE);
  for (let i = 0; i < kept.length; i++) {
    const parentId = kept[i].parentId;
    if (parentId === null) continue;
    // Records listed as a tree (`vhd-util scan -p`, a depth-first walk) name the previous record
    // or one of its ancestors: a few comparisons of strings often shared with the parent's id.
    let p = NONE;
    for (let j = i - 1, steps = 0; j !== NONE && steps < NEARBY_STEPS; j = parent[j], steps++) {
      if (ids[j] === parentId) {
        p = j;
        break;
      }
    }
    if (p === NONE) p = index.find(parentId);
    if (p === NONE) unknownParents.push({ childId: ids[i], parentId });
    else parent[i] = p;
  }
  return parent;
}

/** Children of every node as one flat list (CSR): those of `i` are `list[start[i] .. start[i + 1])`. */
function childLists(parent: Int32Array, hidden: Uint8Array, ids: string[]): { start: Int32Array; list: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] !== NONE) start[parent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) if (parent[i] !== NONE) list[fill[parent[i]]++] = i;
  // `vhd-util scan -p` prints non-hidden children first; the same order keeps trees comparable.
  const byVisibilityThenId = (a: number, b: number): number => hidden[a] - hidden[b] || compareIds(ids[a], ids[b]);
  for (let i = 0; i < n; i++) {
    const from = start[i];
    const count = start[i + 1] - from;
    if (count > 2) list.subarray(from, from + count).sort(byVisibilityThenId);
    else if (count === 2 && byVisibilityThenId(list[from], list[from + 1]) > 0) {
      const first = list[from];
      list[from] = list[from + 1];
      list[from + 1] = first;
    }
  }
  return { start, list };
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
function rootsTallestFirst(rootCount: number, heightAt: Int32Array): number[] {
  let maxHeight = 0;
  for (let k = 0; k < rootCount; k++) if (heightAt[k] > maxHeight) maxHeight = heightAt[k];
  const buckets: number[][] = Array.from({ length: maxHeight + 1 }, () => []);
  for (let k = 0; k < rootCount; k++) buckets[maxHeight - heightAt[k]].push(k);
  return buckets.flat();
}

/** Leaf positions, deepest level first and in tree order within a level (the order runs by depth). */
function leavesDeepestFirst(depthAt: Int32Array, childCount: Int32Array): Int32Array {
  let count = 0;
  for (let k = 0; k < childCount.length; k++) if (childCount[k] === 0) count++;
  const leaves = new Int32Array(count);
  let filled = 0;
  for (let end = depthAt.length; end > 0; ) {
    let begin = end - 1;
    while (begin > 0 && depthAt[begin - 1] === depthAt[end - 1]) begin--;
    for (let k = begin; k < end; k++) if (childCount[k] === 0) leaves[filled++] = k;
    end = begin;
  }
  return leaves;
}

export function buildForest(records: VhdRecord[]): Forest {
  const { kept, index, duplicateIds } = keepFirsts(records);
  const ids = index.ids;
  const n = kept.length;
  // Read every record once, in input order (the order they lie in memory), never again in tree order.
  const hidden = new Uint8Array(n);
  const managed = new Uint8Array(n);
  const isSnapshot = new Uint8Array(n);
  const sizeBytes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const record = kept[i];
    hidden[i] = record.hidden ? 1 : 0;
    managed[i] = record.managed ? 1 : 0;
    isSnapshot[i] = record.isSnapshot ? 1 : 0;
    sizeBytes[i] = record.sizeBytes;
  }

  const unknownParents: Forest['unknownParents'] = [];
  const parent = parentsOf(kept, index, unknownParents);
  const cycles = breakCycles(ids, parent);
  const { start, list } = childLists(parent, hidden, ids);
  const bfs = breadthFirst(parent, start, list);
  const { positionOf, depth, root } = bfs;

  const parentAt = new Int32Array(n);
  const heightAt = new Int32Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const p = parent[bfs.order[k]];
    parentAt[k] = p === NONE ? NONE : positionOf[p];
    if (p !== NONE && heightAt[k] + 1 > heightAt[parentAt[k]]) heightAt[parentAt[k]] = heightAt[k] + 1;
  }

  const order: string[] = new Array(n);
  const orderRecords: VhdRecord[] = new Array(n);
  const depthAt = new Int32Array(n);
  const rootAt = new Int32Array(n);
  const columns: ForestColumns = {
    hidden: new Uint8Array(n),
    managed: new Uint8Array(n),
    isSnapshot: new Uint8Array(n),
    childCount: new Int32Array(n),
    sizeBytes: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = bfs.order[k];
    order[k] = ids[i];
    orderRecords[k] = kept[i];
    depthAt[k] = depth[i];
    rootAt[k] = positionOf[root[i]];
    columns.hidden[k] = hidden[i];
    columns.managed[k] = managed[i];
    columns.isSnapshot[k] = isSnapshot[i];
    columns.childCount[k] = start[i + 1] - start[i];
    columns.sizeBytes[k] = sizeBytes[i];
  }

  const firstChildAt = bfs.firstChildAt;
  const nodes = new ForestNodeMap(index, positionOf, {
    order,
    orderRecords,
    parentAt,
    firstChildAt,
    childCount: columns.childCount,
    depthAt,
    rootAt,
    heightAt,
  });
  const leafAt = leavesDeepestFirst(depthAt, columns.childCount);
  const leafIds: string[] = new Array(leafAt.length);
  for (let j = 0; j < leafAt.length; j++) leafIds[j] = order[leafAt[j]];
  let orderNodes: Forest['orderNodes'] | null = null;
  return {
    nodes,
    order,
    orderRecords,
    get orderNodes() {
      orderNodes ??= Array.from(order, (_, k) => nodes.nodeAt(k));
      return orderNodes;
    },
    parentAt,
    firstChildAt,
    depthAt,
    rootAt,
    heightAt,
    rootIds: rootsTallestFirst(bfs.rootCount, heightAt).map((k) => order[k]),
    leafIds,
    leafAt,
    columns,
    unknownParents,
    cycles,
    duplicateIds,
  };
}

/** The chain from the root down to position `k` of the order. */
function chainAt(forest: Forest, k: number): Chain {
  const { hidden, sizeBytes } = forest.columns;
  const length = forest.depthAt[k] + 1;
  const pathIds = new Array<string>(length);
  let hiddenCount = 0;
  let bytes = 0;
  for (let at = k, step = length - 1; at !== NONE; at = forest.parentAt[at], step--) {
    pathIds[step] = forest.order[at];
    hiddenCount += hidden[at];
    bytes += sizeBytes[at];
  }
  return {
    leafId: forest.order[k],
    leafName: forest.orderRecords[k].name,
    rootId: forest.order[forest.rootAt[k]],
    length,
    hidden: hiddenCount,
    sizeBytes: bytes,
    pathIds,
  };
}

/** The chain from the root down to `leafId` (any node works: its chain is root → node). */
export function chainOf(forest: Forest, leafId: string): Chain {
  const leaf = forest.nodes.get(leafId);
  if (leaf === undefined) throw new Error(`No VHD ${leafId} in this forest`);
  return chainAt(forest, leaf.index);
}

/** One chain per leaf, deepest first. */
export function allChains(forest: Forest): Chain[] {
  return Array.from(forest.leafAt, (k) => chainAt(forest, k));
}
