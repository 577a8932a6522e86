'use client';
import { useState } from 'react';
import type { TreeRow, TreeRows } from '@/app/api/analyze/tree-rows';
import type { GcRole } from '@/lib/chains/types';
import { formatBytes, plural } from './format';

const ROLE_NOTE: Record<GcRole, string | null> = {
  garbage: 'garbage: GC deletes it',
  coalesceable: 'GC can coalesce it',
  'leaf-coalesceable': 'GC can leaf-coalesce it',
  none: null,
};

function kindOf(row: TreeRow): string {
  if (row.hidden) return 'base copy';
  return row.childCount === 0 ? 'leaf' : 'VHD';
}

/**
 * The pasted VHD trees, root first, every subtree collapsible. Indentation stops growing after
 * a few levels (CSS caps it) and each row says its depth, so a 16-deep chain stays readable
 * on a phone; long names scroll inside the box, never the page.
 */
export function VhdTree({ tree, longestChain }: { tree: TreeRows; longestChain: number }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const visible: TreeRow[] = [];
  for (let i = 0; i < tree.rows.length; i++) {
    const row = tree.rows[i];
    visible.push(row);
    if (collapsed.has(row.id)) i += row.descendants;
  }

  return (
    <div>
      <div className="tree-tools">
        <button type="button" className="secondary" onClick={() => setCollapsed(new Set(tree.rows.filter((r) => r.depth === 0 && r.childCount > 0).map((r) => r.id)))}>
          Collapse all
        </button>
        <button type="button" className="secondary" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
      </div>
      <div className="tree-box" tabIndex={0} aria-label="VHD trees (scrolls sideways for long names)">
        <ul className="vhd-tree">
          {visible.map((row) => {
            const open = !collapsed.has(row.id);
            const note = ROLE_NOTE[row.role];
            const longest = row.childCount === 0 && row.chainLength === longestChain && longestChain > 1;
            return (
              <li key={row.id} className={`tree-row${row.hidden ? ' is-hidden' : ''}${longest ? ' is-longest' : ''}`} style={{ '--depth': row.depth } as React.CSSProperties}>
                {row.childCount > 0 ? (
                  <button
                    type="button"
                    className="twisty"
                    aria-expanded={open}
                    aria-label={`${open ? 'Collapse' : 'Expand'} ${row.name} (${plural(row.descendants, 'VHD')} below)`}
                    onClick={() => toggle(row.id)}
                  >
                    {open ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="twisty" aria-hidden="true" />
                )}
                <span className="depth" title={`Depth ${row.depth}: chain of ${row.chainLength} VHDs from the root`}>
                  {row.depth}
                </span>
                <span className={`tag kind${row.hidden ? ' tag-hidden' : ''}`}>{kindOf(row)}</span>
                <span className="vhd-name" title={row.name}>
                  {row.name}
                </span>
                <span className="muted small">{formatBytes(row.sizeBytes)}</span>
                {longest && <span className="tag tag-warn">longest chain: {row.chainLength}</span>}
                {note && <span className="tag tag-info">{note}</span>}
                {!open && <span className="muted small">({plural(row.descendants, 'VHD')} hidden)</span>}
                {row.parentNote && <span className="warn small">{row.parentNote}</span>}
              </li>
            );
          })}
        </ul>
      </div>
      {tree.omitted > 0 && <p className="muted small">{plural(tree.omitted, 'more VHD')} not drawn (download the JSON for all of them).</p>}
    </div>
  );
}
