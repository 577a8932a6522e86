/**
 * Cycles in a parent map (node number → parent number). A VHD chain never loops, but bad data
 * can (a stale `vhd-parent`, a header pointing back): each cycle is cut at its smallest id so
 * the rest can still be drawn as trees.
 */

export const NONE = -1;

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The parent map without the links that close a cycle (each cut at the smallest id of its cycle),
 * and the cycles found. `links` is not written: a map with a cycle is copied first.
 */
export function breakCycles(
  links: Int32Array,
  idAt: (i: number) => string,
  compare: (a: number, b: number) => number,
): { parent: Int32Array; cycles: string[][] } {
  const n = links.length;
  // A cycle holds some node whose parent comes at or after it: when every parent comes before
  // its children (a scan's tree), one cheap pass shows there is none.
  let mayLoop = false;
  for (let i = 0; i < n && !mayLoop; i++) mayLoop = links[i] >= i;
  if (!mayLoop) return { parent: links, cycles: [] };
  const parent = links.slice();
  const walkOf = new Int32Array(n).fill(NONE);
  const posInWalk = new Int32Array(n);
  const cycles: string[][] = [];
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (walkOf[start] !== NONE) continue;
    path.length = 0;
    let cur = start;
    while (cur !== NONE && walkOf[cur] === NONE) {
      walkOf[cur] = start;
      posInWalk[cur] = path.length;
      path.push(cur);
      cur = parent[cur];
    }
    if (cur === NONE || walkOf[cur] !== start) continue;
    const members = path.slice(posInWalk[cur]);
    let cutAt = 0;
    for (let i = 1; i < members.length; i++) {
      if (compare(members[i], members[cutAt]) < 0) cutAt = i;
    }
    const ordered = members.slice(cutAt).concat(members.slice(0, cutAt));
    cycles.push(ordered.map((i) => idAt(i)));
    parent[members[cutAt]] = NONE;
  }
  return { parent, cycles };
}
