/**
 * SMGC's `CoalesceTracker` (cleanup.py): while a leaf is too big to leaf-coalesce live, SM
 * snapshot-coalesces it again and again; the tracker decides when to give up, comparing the
 * leaf's VHD size before and after each iteration.
 */
export const TRACKER_GRACE_ITERATIONS = 1;
export const TRACKER_MAX_ITERATIONS_NO_PROGRESS = 3;
export const TRACKER_MAX_ITERATIONS = 10;
export const TRACKER_MAX_INCREASE_FROM_MINIMUM = 1.2;

export interface TrackerStep {
  abort: boolean;
  /** Set when this iteration made no progress (the leaf grew): the attempt number SM logs. */
  noProgressAttempt: number | null;
  reason: string;
}

export class CoalesceTracker {
  iterations = 0;
  iterationsNoProgress = 0;
  minSize = Number.POSITIVE_INFINITY;
  startSize: number | null = null;
  finishSize: number | null = null;
  reason = '';
  readonly history: string[] = [];

  /** Record one iteration (`abortCoalesce`); `abort` says SM gives up on this leaf. */
  step(prevSize: number, curSize: number): TrackerStep {
    this.iterations++;
    this.history.push(`Iteration: ${this.iterations} -- Initial size ${prevSize} --> Final size ${curSize}`);
    this.finishSize = curSize;
    if (this.startSize === null) this.startSize = prevSize;
    this.minSize = Math.min(this.minSize, curSize, prevSize);
    let noProgressAttempt: number | null = null;
    if (prevSize < curSize) {
      this.iterationsNoProgress++;
      noProgressAttempt = this.iterationsNoProgress;
    }
    let abort = false;
    if (this.iterations > TRACKER_MAX_ITERATIONS) {
      this.reason = `Max iterations (${TRACKER_MAX_ITERATIONS}) exceeded`;
      abort = true;
    } else if (this.iterationsNoProgress > TRACKER_MAX_ITERATIONS_NO_PROGRESS) {
      this.reason = `No progress made for ${TRACKER_MAX_ITERATIONS_NO_PROGRESS} iterations`;
      abort = true;
    } else if (this.iterations > TRACKER_GRACE_ITERATIONS && curSize > TRACKER_MAX_INCREASE_FROM_MINIMUM * this.minSize) {
      this.reason = 'Unexpected bump in size, compared to minimum acheived';
      abort = true;
    }
    return { abort, noProgressAttempt, reason: this.reason };
  }

  /** The lines of `printReasoning`. */
  reasoning(): string[] {
    return [
      'Aborted coalesce',
      ...this.history,
      this.reason,
      `Starting size was         ${this.startSize}`,
      `Final size was            ${this.finishSize}`,
      `Minimum size acheived was ${this.minSize}`,
    ];
  }
}
