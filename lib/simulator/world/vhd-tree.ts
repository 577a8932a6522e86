import type { SimSr, VhdNode } from './model';

/**
 * Allocated data of a VHD at `atMs`. A guest writing `writeBytesPerSec` over a working set of
 * `writeSetBytes` allocates a new block only when it writes one the leaf does not hold yet, so a
 * fresh leaf grows at the write rate at first and levels off at the working set: over minutes
 * the leaf grows as fast as the guest writes, over a day it holds the working set once.
 */
export function dataAt(node: VhdNode, atMs: number): number {
  const set = node.writeSetBytes;
  if (node.writeBytesPerSec <= 0 || atMs <= node.dataAtMs || node.dataBytes >= set) return node.dataBytes;
  const seconds = (atMs - node.dataAtMs) / 1000;
  return set - (set - node.dataBytes) * Math.exp((-node.writeBytesPerSec * seconds) / set);
}

/** Fold the writes so far into `dataBytes` before the node changes shape. */
export function settle(node: VhdNode, atMs: number): void {
  node.dataBytes = dataAt(node, atMs);
  node.dataAtMs = atMs;
}

/** Data of a child merged onto its parent: the child's blocks land on the parent's unallocated ones in proportion. */
export function unionBytes(parentBytes: number, childBytes: number, virtualSizeBytes: number): number {
  const overlap = Math.min(1, parentBytes / virtualSizeBytes);
  return Math.min(virtualSizeBytes, parentBytes + childBytes * (1 - overlap));
}

export interface TreeIndex {
  /** Children of each VHD: non-hidden first, then in creation order (as `vhd-util scan -p` prints them). */
  children: Map<string, VhdNode[]>;
  roots: VhdNode[];
}

export function indexTree(sr: SimSr): TreeIndex {
  const children = new Map<string, VhdNode[]>();
  const roots: VhdNode[] = [];
  for (const node of sr.vhds.values()) {
    if (node.parentUuid === null || !sr.vhds.has(node.parentUuid)) {
      roots.push(node);
      continue;
    }
    const list = children.get(node.parentUuid);
    if (list) list.push(node);
    else children.set(node.parentUuid, [node]);
  }
  for (const list of children.values()) list.sort((a, b) => Number(a.hidden) - Number(b.hidden));
  return { children, roots };
}

export function childrenOf(index: TreeIndex, uuid: string): VhdNode[] {
  return index.children.get(uuid) ?? [];
}

/** VHDs from the root to this one, inclusive (what `vhd-util query -d` calls depth). */
export function chainLength(sr: SimSr, uuid: string): number {
  let length = 0;
  let current = sr.vhds.get(uuid);
  while (current) {
    length++;
    current = current.parentUuid === null ? undefined : sr.vhds.get(current.parentUuid);
  }
  return length;
}

export function rootOf(sr: SimSr, node: VhdNode): VhdNode {
  let current = node;
  for (;;) {
    const parent = current.parentUuid === null ? undefined : sr.vhds.get(current.parentUuid);
    if (!parent) return current;
    current = parent;
  }
}

/** Height of the subtree as SMGC counts it (`getTreeHeight`: a lone leaf is 1). */
export function treeHeight(index: TreeIndex, node: VhdNode): number {
  const kids = childrenOf(index, node.uuid);
  let max = 0;
  for (const child of kids) max = Math.max(max, treeHeight(index, child));
  return max + 1;
}
