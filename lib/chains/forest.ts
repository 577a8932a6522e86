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
import { breakCycles, NONE } from './parent-cycles';
import { tableFromRecords, type RecordTable } from './record-table';
import type { Chain, Forest, ForestColumns, VhdRecord } from './types';

// The passes below are one loop per function: each is compiled while its own loop runs, with
// nothing after the loop that has not run yet (a loop followed by another in one function makes
// the engine drop the compiled code at the second loop, every call, until it has seen many).

function countChildren(parent: Int32Array, start: Int32Array): void {
  for (let i = 0; i < parent.length; i++) if (parent[i] !== NONE) start[parent[i] + 1]++;
}

function runningSum(values: Int32Array): void {
  for (let i = 1; i < values.length; i++) values[i] += values[i - 1];
}

function placeChildren(parent: Int32Array, fill: Int32Array, list: Int32Array): void {
  for (let i = 0; i < parent.length; i++) if (parent[i] !== NONE) list[fill[parent[i]]++] = i;
}

/** `vhd-util scan -p` prints non-hidden children first; the same order keeps trees comparable. */
function sortChildren(start: Int32Array, list: Int32Array, hidden: Uint8Array, compare: RecordTable['compare']): void {
  const byVisibilityThenId = (a: number, b: number): number => hidden[a] - hidden[b] || compare(a, b);
  for (let i = 0; i + 1 < start.length; i++) {
    const from = start[i];
    const count = start[i + 1] - from;
    if (count > 2) list.subarray(from, from + count).sort(byVisibilityThenId);
    else if (count === 2 && byVisibilityThenId(list[from], list[from + 1]) > 0) {
      const first = list[from];
      list[from] = list[from + 1];
      list[from + 1] = first;
    }
  }
}

/** Children of every node as one flat list (CSR): those of `i` are `list[start[i] .. start[i + 1])`. */
function childLists(parent: Int32Array, hidden: Uint8Array, compare: RecordTable['compare']): { start: Int32Array; list: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  countChildren(parent, start);
  runningSum(start);
  const list = new Int32Array(start[n]);
  placeChildren(parent, start.slice(0, n), list);
  sortChildren(start, list, hidden, compare);
  return { start, list };
}

interface BreadthFirst {
  /** Node number at each position: breadth first from all roots at once, so also by increasing depth. */
  order: Int32Array;
  positionOf: Int32Array;
  /** By position, as in `Forest`. */
  parentAt: Int32Array;
  firstChildAt: Int32Array;
  depthAt: Int32Array;
  rootAt: Int32Array;
  rootCount: number;
}

/** The roots, first in the order; returns how many. */
function queueRoots(parent: Int32Array, order: Int32Array, parentAt: Int32Array, rootAt: Int32Array): number {
  let tail = 0;
  for (let i = 0; i < parent.length; i++) {
    if (parent[i] === NONE) {
      parentAt[tail] = NONE;
      rootAt[tail] = tail;
      order[tail++] = i;
    }
  }
  return tail;
}

function breadthFirst(parent: Int32Array, start: Int32Array, list: Int32Array): BreadthFirst {
  const n = parent.length;
  const order = new Int32Array(n);
  const positionOf = new Int32Array(n);
  const parentAt = new Int32Array(n);
  const firstChildAt = new Int32Array(n).fill(NONE);
  const depthAt = new Int32Array(n);
  const rootAt = new Int32Array(n);
  const rootCount = queueRoots(parent, order, parentAt, rootAt);
  let tail = rootCount;
  for (let head = 0; head < tail; head++) {
    const p = order[head];
    positionOf[p] = head;
    if (start[p + 1] > start[p]) firstChildAt[head] = tail;
    for (let c = start[p]; c < start[p + 1]; c++) {
      parentAt[tail] = head;
      depthAt[tail] = depthAt[head] + 1;
      rootAt[tail] = rootAt[head];
      order[tail++] = list[c];
    }
  }
  return { order, positionOf, parentAt, firstChildAt, depthAt, rootAt, rootCount };
}

/** Root positions (the first `rootCount` of the order), tallest tree first, ties in order: a counting sort. */
function rootsTallestFirst(rootCount: number, heightAt: Int32Array): Int32Array {
  let maxHeight = 0;
  for (let k = 0; k < rootCount; k++) if (heightAt[k] > maxHeight) maxHeight = heightAt[k];
  const start = new Int32Array(maxHeight + 2);
  for (let k = 0; k < rootCount; k++) start[maxHeight - heightAt[k] + 1]++;
  for (let h = 0; h <= maxHeight; h++) start[h + 1] += start[h];
  const roots = new Int32Array(rootCount);
  for (let k = 0; k < rootCount; k++) roots[start[maxHeight - heightAt[k]]++] = k;
  return roots;
}

function countLeaves(childCount: Int32Array): number {
  let count = 0;
  for (let k = 0; k < childCount.length; k++) if (childCount[k] === 0) count++;
  return count;
}

/** Leaf positions, deepest level first and in tree order within a level (the order runs by depth). */
function leavesDeepestFirst(depthAt: Int32Array, childCount: Int32Array): Int32Array {
  const leaves = new Int32Array(countLeaves(childCount));
  let filled = 0;
  for (let end = depthAt.length; end > 0; ) {
    let begin = end - 1;
    while (begin > 0 && depthAt[begin - 1] === depthAt[end - 1]) begin--;
    for (let k = begin; k < end; k++) if (childCount[k] === 0) leaves[filled++] = k;
    end = begin;
  }
  return leaves;
}

/** Height of every position's subtree: children come after their parents, so one backward pass. */
function heightsOf(parentAt: Int32Array): Int32Array {
  const heightAt = new Int32Array(parentAt.length);
  for (let k = parentAt.length - 1; k > 0; k--) {
    const p = parentAt[k];
    if (p !== NONE && heightAt[k] + 1 > heightAt[p]) heightAt[p] = heightAt[k] + 1;
  }
  return heightAt;
}

/** The table's columns, copied to positions (`numberAt[k]` is the record at position k). */
function columnsByPosition(table: RecordTable, numberAt: Int32Array, start: Int32Array): ForestColumns {
  const n = numberAt.length;
  const columns: ForestColumns = {
    hidden: new Uint8Array(n),
    managed: new Uint8Array(n),
    isSnapshot: new Uint8Array(n),
    leafCoalesceOff: new Uint8Array(n),
    parentMissing: new Uint8Array(n),
    childCount: new Int32Array(n),
    sizeBytes: new Float64Array(n),
  };
  const { hidden, managed, isSnapshot, leafCoalesceOff, parentMissing, sizeBytes } = table;
  for (let k = 0; k < n; k++) {
    const i = numberAt[k];
    columns.hidden[k] = hidden[i];
    columns.managed[k] = managed[i];
    columns.isSnapshot[k] = isSnapshot[i];
    columns.leafCoalesceOff[k] = leafCoalesceOff[i];
    columns.parentMissing[k] = parentMissing[i];
    columns.childCount[k] = start[i + 1] - start[i];
    columns.sizeBytes[k] = sizeBytes[i];
  }
  return columns;
}

/** Makes an array by position once, on first use. */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

export function forestFromTable(table: RecordTable): Forest {
  const n = table.count;
  const { parent, cycles } = breakCycles(table.parent, table.idAt, table.compare);
  const { start, list } = childLists(parent, table.hidden, table.compare);
  const bfs = breadthFirst(parent, start, list);
  const { positionOf, parentAt, depthAt, rootAt } = bfs;
  const numberAt = bfs.order;

  const heightAt = heightsOf(parentAt);
  const columns = columnsByPosition(table, numberAt, start);

  const firstChildAt = bfs.firstChildAt;
  const nodes = new ForestNodeMap(table, positionOf, numberAt, {
    parentAt,
    firstChildAt,
    childCount: columns.childCount,
    depthAt,
    rootAt,
    heightAt,
  });
  const leafAt = leavesDeepestFirst(depthAt, columns.childCount);
  const rootAtList = rootsTallestFirst(bfs.rootCount, heightAt);
  const idAt = (k: number): string => table.idAt(numberAt[k]);
  const recordAt = (k: number): VhdRecord => table.recordAt(numberAt[k]);
  const idsAt = (positions: Int32Array): string[] => Array.from(positions, idAt);
  const order = lazy(() => Array.from({ length: n }, (_, k) => idAt(k)));
  const orderRecords = lazy(() => Array.from(numberAt, (i) => table.recordAt(i)));
  const orderNodes = lazy(() => Array.from(numberAt, (_, k) => nodes.nodeAt(k)));
  const rootIds = lazy(() => idsAt(rootAtList));
  const leafIds = lazy(() => idsAt(leafAt));
  return {
    nodes,
    size: n,
    idAt,
    nameAt: (k) => table.nameAt(numberAt[k]),
    recordAt,
    positionOf: (id) => nodes.positionOfId(id),
    get order() {
      return order();
    },
    get orderRecords() {
      return orderRecords();
    },
    get orderNodes() {
      return orderNodes();
    },
    parentAt,
    firstChildAt,
    depthAt,
    rootAt,
    heightAt,
    rootAtList,
    get rootIds() {
      return rootIds();
    },
    get leafIds() {
      return leafIds();
    },
    leafAt,
    columns,
    unknownParents: table.unknownParents,
    cycles,
    duplicateIds: table.duplicateIds,
  };
}

export function buildForest(records: VhdRecord[]): Forest {
  return forestFromTable(tableFromRecords(records));
}

/** The chain from the root down to position `k` of the order. */
function chainAt(forest: Forest, k: number): Chain {
  const { hidden, sizeBytes } = forest.columns;
  const length = forest.depthAt[k] + 1;
  const pathIds = new Array<string>(length);
  let hiddenCount = 0;
  let bytes = 0;
  for (let at = k, step = length - 1; at !== NONE; at = forest.parentAt[at], step--) {
    pathIds[step] = forest.idAt(at);
    hiddenCount += hidden[at];
    bytes += sizeBytes[at];
  }
  return {
    leafId: forest.idAt(k),
    leafName: forest.nameAt(k),
    rootId: forest.idAt(forest.rootAt[k]),
    length,
    hidden: hiddenCount,
    sizeBytes: bytes,
    pathIds,
  };
}

/** The chain from the root down to `leafId` (any node works: its chain is root → node). */
export function chainOf(forest: Forest, leafId: string): Chain {
  const k = forest.positionOf(leafId);
  if (k === -1) throw new Error(`No VHD ${leafId} in this forest`);
  return chainAt(forest, k);
}

/** One chain per leaf, deepest first. */
export function allChains(forest: Forest): Chain[] {
  return Array.from(forest.leafAt, (k) => chainAt(forest, k));
}
