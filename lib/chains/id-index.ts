/**
 * Numbers the distinct ids of a forest: open addressing in a typed array. For 100,000 ids a Map
 * costs several times more (an entry object each, rehashing as it grows, hashing every fresh
 * string), and building a forest has little else to do.
 */

const FREE = 0;
/** Chars hashed from each end: the tail of a uuid is its most random part; the head tells apart names with a common tail. */
const HASHED_TAIL = 12;
const HASHED_HEAD = 4;

function hashOf(id: string): number {
  const length = id.length;
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  const headEnd = Math.min(HASHED_HEAD, length);
  for (let i = 0; i < headEnd; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  for (let i = Math.max(headEnd, length - HASHED_TAIL); i < length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** Per slot, side by side so a probe touches one cache line: the number plus one (0 = free) and the id's hash. */
const NUMBER_PLUS_ONE = 0;
const HASH = 1;
const SLOT_WIDTH = 2;

export class IdIndex {
  /** The ids in the order they were numbered. */
  readonly ids: string[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** At most `maxIds` distinct ids will be added. */
  constructor(maxIds: number) {
    let size = 16;
    while (size < maxIds * 2) size *= 2;
    this.slots = new Int32Array(size * SLOT_WIDTH);
    this.mask = size - 1;
  }

  /** Offset in `slots` of the slot holding `id`, or of the free slot where it goes. */
  private slotOf(hash: number, id: string): number {
    const { slots, ids, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_WIDTH;
      const stored = slots[at + NUMBER_PLUS_ONE];
      if (stored === FREE || (slots[at + HASH] === hash && ids[stored - 1] === id)) return at;
    }
  }

  /** The number of `id`, or -1 when it was never added. */
  find(id: string): number {
    return this.slots[this.slotOf(hashOf(id), id) + NUMBER_PLUS_ONE] - 1;
  }

  /** Numbers `id` (0, 1, 2... in turn) unless it already has a number; returns its number. */
  add(id: string): number {
    const hash = hashOf(id);
    const at = this.slotOf(hash, id);
    const stored = this.slots[at + NUMBER_PLUS_ONE];
    if (stored !== FREE) return stored - 1;
    this.ids.push(id);
    this.slots[at + NUMBER_PLUS_ONE] = this.ids.length;
    this.slots[at + HASH] = hash;
    return this.ids.length - 1;
  }
}
