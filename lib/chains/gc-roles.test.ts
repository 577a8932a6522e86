import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { gcCounts, gcRoles } from './gc-roles';
import { treeRecords } from './test-factory';

function rolesOf(outline: string): Record<string, string> {
  return Object.fromEntries(gcRoles(buildForest(treeRecords(outline))));
}

describe('gcRoles', () => {
  it('marks a hidden VHD with no children as garbage', () => {
    expect(rolesOf(`
*root
  leaf
  *orphan
`)).toMatchObject({ orphan: 'garbage', leaf: 'none', root: 'none' });
  });

  it('marks a subtree of garbage as garbage too, as getAllPrunable does', () => {
    expect(rolesOf(`
*root
  leaf
  *dead
    *deadLeaf
`)).toMatchObject({ dead: 'garbage', deadLeaf: 'garbage', root: 'none' });
  });

  it('marks a hidden only child with children as coalesceable', () => {
    expect(rolesOf(`
*root
  *mid
    leaf
    snap
`)).toMatchObject({ root: 'none', mid: 'coalesceable', leaf: 'none', snap: 'none' });
  });

  it('never coalesces a root, nor a VHD with a sibling', () => {
    expect(rolesOf(`
*root
  *a
    x
  *b
    y
`)).toMatchObject({ root: 'none', a: 'none', b: 'none', x: 'leaf-coalesceable', y: 'leaf-coalesceable' });
  });

  it('marks a visible only child without children as leaf-coalesceable unless leaf-coalesce is false', () => {
    expect(rolesOf(`
*root
  *mid
    leaf
*other
  stuck leafCoalesce=false
*third
  forced leafCoalesce=force
`)).toMatchObject({ mid: 'coalesceable', leaf: 'leaf-coalesceable', stuck: 'none', forced: 'leaf-coalesceable' });
  });

  it('does not leaf-coalesce a lone root', () => {
    expect(rolesOf('alone')).toEqual({ alone: 'none' });
  });
});

describe('gcCounts', () => {
  it('counts each role', () => {
    const forest = buildForest(
      treeRecords(`
*root
  *mid
    *base
      leaf
  *junk
`),
    );
    expect(gcCounts(forest)).toEqual({ garbage: 1, coalesceable: 1, leafCoalesceable: 1 });
  });
});
