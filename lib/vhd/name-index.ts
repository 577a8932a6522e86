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

export class FirstByName {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Each added index's name, read only when hashes match. */
  private readonly names: string[] = [];

  /** At most `maxNames` distinct names will be added. */
  constructor(
    private readonly text: string,
    maxNames: number,
  ) {
    let size = 16;
    while (size < maxNames * 2) size *= 2;
    this.slots = new Int32Array(size * SLOT_WIDTH);
    this.mask = size - 1;
  }

  /** Offset in `slots` of the slot holding `name`, or of the free slot where it goes. */
  private slotOf(hash: number, name: string): number {
    let slot = hash & this.mask;
    for (;;) {
      const at = slot * SLOT_WIDTH;
      const stored = this.slots[at + INDEX_PLUS_ONE];
      if (stored === 0 || (this.slots[at + HASH] === hash && this.names[stored - 1] === name)) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The index added with `name`, found at `text.slice(from, to)`; -1 when none was. */
  find(name: string, from: number, to: number): number {
    return this.slots[this.slotOf(hashOfRange(this.text, from, to), name) + INDEX_PLUS_ONE] - 1;
  }

  /**
   * Adds `index` (0, 1, 2... in turn) under `name`, found at `text.slice(from, to)`, unless the name
   * is known; returns the index that holds it.
   */
  add(name: string, from: number, to: number, index: number): number {
    this.names[index] = name;
    const hash = hashOfRange(this.text, from, to);
    const at = this.slotOf(hash, name);
    if (this.slots[at + INDEX_PLUS_ONE] === 0) {
      this.slots[at + INDEX_PLUS_ONE] = index + 1;
      this.slots[at + HASH] = hash;
    }
    return this.slots[at + INDEX_PLUS_ONE] - 1;
  }
}
