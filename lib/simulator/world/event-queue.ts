/** Pending simulation events in time order (ties in scheduling order): a binary min-heap. */

interface Scheduled {
  atMs: number;
  seq: number;
  run: (atMs: number) => void;
}

const before = (a: Scheduled, b: Scheduled): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);

export class EventQueue {
  private readonly heap: Scheduled[] = [];
  private seq = 0;

  schedule(atMs: number, run: (atMs: number) => void): void {
    const heap = this.heap;
    heap.push({ atMs, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Time of the next event, or null when none is pending. */
  peekMs(): number | null {
    return this.heap.length > 0 ? this.heap[0].atMs : null;
  }

  pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}
