/**
 * The forest of a pasted scan as rows the browser draws as a collapsible tree: depth first,
 * children in the forest's order (non-hidden first, as `vhd-util scan -p` prints them).
 * Iterative, so a chain of any depth cannot overflow the stack.
 */
import { gcRolesByPosition } from '@/lib/chains/gc-roles';
import type { Forest, GcRole } from '@/lib/chains/types';

export interface TreeRow {
  id: string;
  /** Untrusted text from the paste. */
  name: string;
  depth: number;
  /** Rows under this one (its whole subtree), so the browser can skip a collapsed subtree. */
  descendants: number;
  childCount: number;
  hidden: boolean;
  sizeBytes: number;
  virtualSizeBytes: number;
  chainLength: number;
  role: GcRole;
  /** Why the parent link is doubtful, when it is. */
  parentNote: string | null;
}

export interface TreeRows {
  rows: TreeRow[];
  /** VHDs left out beyond `maxRows`. */
  omitted: number;
}

export function treeRows(forest: Forest, maxRows: number): TreeRows {
  const roles = gcRolesByPosition(forest);
  const rows: TreeRow[] = [];
  /** Index in `rows` of every open ancestor, to add each new row to their subtree sizes. */
  const open: number[] = [];
  const stack: string[] = [...forest.rootIds].reverse();
  while (stack.length > 0 && rows.length < maxRows) {
    const node = forest.nodes.get(stack.pop()!)!;
    while (open.length > node.depth) open.pop();
    for (const ancestor of open) rows[ancestor].descendants++;
    const r = node.record;
    rows.push({
      id: r.id,
      name: r.name,
      depth: node.depth,
      descendants: 0,
      childCount: node.childIds.length,
      hidden: r.hidden,
      sizeBytes: r.sizeBytes,
      virtualSizeBytes: r.virtualSizeBytes,
      chainLength: node.chainLength,
      role: roles[node.index],
      parentNote: r.parentNote ?? null,
    });
    open.push(rows.length - 1);
    for (let i = node.childIds.length - 1; i >= 0; i--) stack.push(node.childIds[i]);
  }
  return { rows, omitted: forest.nodes.size - rows.length };
}
