import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from '@/lib/cli/analyze-report';
import { treeRows } from './tree-rows';

const forum = readFileSync(new URL('../../../test/fixtures/forum-lvm-sr-tree.vhd-util-scan.txt', import.meta.url), 'utf8');

function forumForest() {
  const { forest } = buildReport(forum, { referenceMs: Date.UTC(2019, 7, 31), tolerance: 1 });
  return forest!;
}

describe('treeRows', () => {
  it('draws the forum tree depth first: 31 rows, 16 deep, every subtree size right', () => {
    const { rows, omitted } = treeRows(forumForest(), 100);
    expect(rows).toHaveLength(31);
    expect(omitted).toBe(0);
    expect(Math.max(...rows.map((r) => r.depth))).toBe(15);
    expect(rows[0]).toMatchObject({ depth: 0, descendants: 30, hidden: true, childCount: 2 });
    for (const [i, row] of rows.entries()) {
      const subtree = rows.slice(i + 1).findIndex((r) => r.depth <= row.depth);
      expect(row.descendants).toBe(subtree === -1 ? rows.length - i - 1 : subtree);
    }
    const deepest = rows.filter((r) => r.childCount === 0 && r.depth === 15);
    expect(deepest.every((r) => r.chainLength === 16)).toBe(true);
  });

  it('draws a parent before its children, non-hidden child first', () => {
    const { rows } = treeRows(forumForest(), 100);
    expect(rows[1]).toMatchObject({ depth: 1, hidden: false, childCount: 0 });
    expect(rows[2]).toMatchObject({ depth: 1, hidden: true });
  });

  it('stops at maxRows and counts the rest', () => {
    const { rows, omitted } = treeRows(forumForest(), 10);
    expect(rows).toHaveLength(10);
    expect(omitted).toBe(21);
  });
});
