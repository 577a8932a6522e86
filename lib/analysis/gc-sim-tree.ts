/**
 * A VHD tree the GC forecast can change step by step, and the same steps replayed on
 * records to see an SR as it will be at a given time. The merges follow SM: a coalesce
 * writes the child's blocks into its parent and hangs the grandchildren on the parent; a
 * leaf-coalesce merges the leaf into its parent, which then carries the leaf's VDI.
 */
import type { VhdRecord } from '../chains/types';

/** `give-up`: snapshot-coalesce rounds on a leaf that ends with SM giving up (the tree is unchanged). */
export type GcStepKind = 'garbage' | 'coalesce' | 'leaf-coalesce' | 'give-up';

export interface GcStep {
  kind: GcStepKind;
  /** The VHD that goes away (garbage) or is merged into its parent. */
  vhdId: string;
  parentId: string | null;
  /** null when the coalesce speed is unknown. */
  startMs: number | null;
  endMs: number | null;
  bytes: number;
  /** Visible leaves whose chain this step shortens. */
  leafIds: string[];
  /** The duration is a guess: an inflated LVM leaf does not show how much data it holds. */
  estimated?: boolean;
}

export class SimTree {
  readonly nodes = new Map<string, VhdRecord>();
  readonly children = new Map<string, string[]>();
  /** Position in the input: SM walks its VDIs in creation order, which the records' order stands for. */
  readonly rank = new Map<string, number>();

  constructor(records: readonly VhdRecord[]) {
    for (const r of records) {
      if (this.nodes.has(r.id)) continue;
      this.nodes.set(r.id, { ...r });
      this.rank.set(r.id, this.rank.size);
    }
    for (const r of this.nodes.values()) {
      if (r.parentId !== null && !this.nodes.has(r.parentId)) r.parentId = null;
      if (r.parentId !== null) this.kids(r.parentId).push(r.id);
    }
  }

  kids(id: string): string[] {
    let list = this.children.get(id);
    if (!list) {
      list = [];
      this.children.set(id, list);
    }
    return list;
  }

  parent(id: string): VhdRecord | undefined {
    const p = this.nodes.get(id)?.parentId;
    return p ? this.nodes.get(p) : undefined;
  }

  rootOf(id: string): string {
    let cur = id;
    for (let p = this.nodes.get(cur)?.parentId; p; p = this.nodes.get(cur)?.parentId) cur = p;
    return cur;
  }

  /** SMGC's `getTreeHeight`: a lone VHD is 1. */
  height(id: string): number {
    let best = 0;
    const stack: [string, number][] = [[id, 1]];
    while (stack.length > 0) {
      const [cur, h] = stack.pop()!;
      best = Math.max(best, h);
      for (const k of this.kids(cur)) stack.push([k, h + 1]);
    }
    return best;
  }

  depth(id: string): number {
    let d = 0;
    for (let p = this.nodes.get(id)?.parentId; p; p = this.nodes.get(p)?.parentId) d++;
    return d;
  }

  /** Visible leaves at or under `id`. */
  leavesUnder(id: string): string[] {
    const found: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      const ks = this.kids(cur);
      if (ks.length === 0 && !this.nodes.get(cur)?.hidden) found.push(cur);
      stack.push(...ks);
    }
    return found.sort();
  }

  /** `getAllPrunable`: hidden VHDs with no children, and VHDs whose children are all garbage. */
  garbage(): string[] {
    const order = [...this.nodes.values()].filter((r) => r.parentId === null).map((r) => r.id);
    for (let i = 0; i < order.length; i++) order.push(...this.kids(order[i]));
    const found = new Set<string>();
    for (let i = order.length - 1; i >= 0; i--) {
      const ks = this.kids(order[i]);
      if (ks.length === 0 ? this.nodes.get(order[i])!.hidden : ks.every((k) => found.has(k))) found.add(order[i]);
    }
    return [...found].sort();
  }

  apply(step: Pick<GcStep, 'kind' | 'vhdId'>): void {
    const node = this.nodes.get(step.vhdId);
    if (!node || step.kind === 'give-up') return;
    const parent = this.parent(node.id);
    if (step.kind === 'garbage') {
      this.detach(node.id);
      for (const k of this.kids(node.id)) this.nodes.get(k)!.parentId = null;
      this.nodes.delete(node.id);
      this.children.delete(node.id);
      return;
    }
    if (!parent) return;
    const merged = Math.min(parent.virtualSizeBytes || Number.POSITIVE_INFINITY, parent.sizeBytes + node.sizeBytes);
    if (step.kind === 'coalesce') {
      parent.sizeBytes = merged;
      this.detach(node.id);
      for (const k of this.kids(node.id)) {
        this.nodes.get(k)!.parentId = parent.id;
        this.kids(parent.id).push(k);
      }
      this.nodes.delete(node.id);
      this.children.delete(node.id);
      return;
    }
    // Leaf-coalesce: the parent's VHD becomes the leaf; the leaf keeps its VDI identity.
    const grand = parent.parentId;
    this.detach(node.id);
    this.detach(parent.id);
    this.nodes.delete(parent.id);
    this.children.delete(parent.id);
    node.parentId = grand;
    node.sizeBytes = merged;
    if (grand) this.kids(grand).push(node.id);
  }

  records(): VhdRecord[] {
    return [...this.nodes.values()].map((r) => ({ ...r }));
  }

  private detach(id: string): void {
    const p = this.nodes.get(id)?.parentId;
    if (!p) return;
    const list = this.kids(p);
    const at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1);
  }
}

/** The SR as it will be at `atMs`: the records with every step finished by then applied. */
export function recordsAt(records: readonly VhdRecord[], steps: readonly GcStep[], atMs: number): VhdRecord[] {
  const tree = new SimTree(records);
  for (const step of steps) if (step.endMs !== null && step.endMs <= atMs) tree.apply(step);
  return tree.records();
}
