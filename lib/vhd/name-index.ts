/**
 * First occurrence of each name found in a big text. Open addressing in a typed array, hashing the
 * name where it sits in the text and comparing strings only when hashes match: for 100,000 names a
 * Map (hashing every sliced string, one entry object each) costs more than the rest of a scan parse.
 */

/** Characters hashed, from the end of a name: the tail of a uuid is its most random part. */
const HASHED_TAIL = 12;

function hashOfRange(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = Math.max(from, to - HASHED_TAIL); i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/**
 * Per slot, side by side so a probe touches one cache line: the index added plus one (0 = free, so
 * a new zeroed array needs no filling) and the name's hash. Kept to 8 bytes a slot: the table's
 * size in memory, not its arithmetic, sets its speed.
 */
const INDEX_PLUS_ONE = 0;
const HASH = 1;
const SLOT_WIDTH = 2;

/** `a.slice(aFrom, aTo) === b.slice(bFrom, bTo)`, without making either string. */
export function sameRange(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  // Names that share a hash usually differ in their head (a directory, a prefix): compare from the front.
  for (let i = 0; i < aTo - aFrom; i++) if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

export class FirstByName {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * At most `maxNames` distinct names will be added. `froms` and `tos` (by index: where each name
   * sits in the text, read only when hashes match) may be the caller's own columns of the same.
   */
  constructor(
    private readonly text: string,
    maxNames: number,
    private readonly froms: Int32Array = new Int32Array(maxNames),
    private readonly tos: Int32Array = new Int32Array(maxNames),
  ) {
    let size = 16;
    while (size < maxNames * 2) size *= 2;
    this.slots = new Int32Array(size * SLOT_WIDTH);
    this.mask = size - 1;
  }

  /** Offset in `slots` of the slot holding `source.slice(from, to)`, or of the free slot where it goes. */
  private slotOf(hash: number, source: string, from: number, to: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const at = slot * SLOT_WIDTH;
      const stored = this.slots[at + INDEX_PLUS_ONE];
      if (stored === 0) return at;
      if (this.slots[at + HASH] === hash && sameRange(this.text, this.froms[stored - 1], this.tos[stored - 1], source, from, to)) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The index added with the name `source.slice(from, to)` (by default a range of the text); -1 when none was. */
  find(from: number, to: number, source: string = this.text): number {
    return this.slots[this.slotOf(hashOfRange(source, from, to), source, from, to) + INDEX_PLUS_ONE] - 1;
  }

  /**
   * Adds `index` under the name `text.slice(from, to)` unless the name is known; returns the
   * index that holds it. Indexes are added as 0, 1, 2... (a known name takes none).
   */
  add(from: number, to: number, index: number): number {
    const hash = hashOfRange(this.text, from, to);
    const at = this.slotOf(hash, this.text, from, to);
    if (this.slots[at + INDEX_PLUS_ONE] === 0) {
      this.slots[at + INDEX_PLUS_ONE] = index + 1;
      this.slots[at + HASH] = hash;
      this.froms[index] = from;
      this.tos[index] = to;
    }
    return this.slots[at + INDEX_PLUS_ONE] - 1;
  }
}
