// Draws VHD trees as text, root first, with the box-drawing branches people paste in forums.
import type { Forest } from '../chains/types';
import type { GcRole } from '../chains/types';
import { printable } from '../printable';
import { formatBytes } from './format-units';

const ROLE_NOTE: Record<GcRole, string> = {
  garbage: ' [garbage: GC deletes it]',
  coalesceable: ' [GC can coalesce it]',
  'leaf-coalesceable': ' [GC can leaf-coalesce it]',
  none: '',
};

/** At most `maxLines` lines; the rest is counted, not drawn. Iterative: no recursion on deep trees. */
export function drawForest(forest: Forest, roles: Map<string, GcRole>, maxLines = 200): string[] {
  const lines: string[] = [];
  let hiddenLines = 0;
  for (const rootId of forest.rootIds) {
    const stack: { id: string; prefix: string; last: boolean; root: boolean }[] = [
      { id: rootId, prefix: '', last: true, root: true },
    ];
    while (stack.length > 0) {
      const { id, prefix, last, root } = stack.pop()!;
      const node = forest.nodes.get(id);
      if (!node) continue;
      if (lines.length >= maxLines) {
        hiddenLines++;
      } else {
        const r = node.record;
        const kind = r.hidden ? 'base copy' : node.childIds.length === 0 ? 'leaf' : 'VHD';
        const branch = root ? '' : last ? '└─ ' : '├─ ';
        lines.push(
          `${prefix}${branch}${printable(r.name)}  ${kind} ${formatBytes(r.sizeBytes)}  (chain ${node.chainLength})` +
            ROLE_NOTE[roles.get(id) ?? 'none'],
        );
      }
      const childPrefix = root ? '' : prefix + (last ? '   ' : '│  ');
      for (let i = node.childIds.length - 1; i >= 0; i--) {
        stack.push({ id: node.childIds[i], prefix: childPrefix, last: i === node.childIds.length - 1, root: false });
      }
    }
  }
  if (hiddenLines > 0) lines.push(`… ${hiddenLines} more VHDs not drawn (use --format json for all of them)`);
  return lines;
}
