/**
 * An append-only text file that keeps only its tail in memory (like a log that rotates away its
 * head) while byte offsets keep counting from the first byte ever written, so a reader that
 * follows it by offset (`tail -c +N`) stays correct.
 */
export interface TextSince {
  text: string;
  /** Offset to ask for next time (the total bytes written so far). */
  nextOffset: number;
  /** The requested offset was no longer kept (or beyond the end): the text starts at the oldest kept byte. */
  rotated: boolean;
}

export class TextLog {
  private lines: string[] = [];
  /** Absolute byte offset where each kept line starts. */
  private offsets: number[] = [];
  private totalBytes = 0;
  private keptBytes = 0;

  constructor(private readonly capBytes: number) {}

  append(line: string): void {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    this.lines.push(text);
    this.offsets.push(this.totalBytes);
    this.totalBytes += bytes;
    this.keptBytes += bytes;
    if (this.keptBytes > this.capBytes * 1.25) this.trim();
  }

  size(): number {
    return this.totalBytes;
  }

  text(): string {
    return this.lines.join('');
  }

  since(offset: number): TextSince {
    const firstKept = this.offsets.length > 0 ? this.offsets[0] : this.totalBytes;
    if (offset < firstKept || offset > this.totalBytes) {
      return { text: this.text(), nextOffset: this.totalBytes, rotated: true };
    }
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    const index = lo - 1;
    if (index < 0) return { text: '', nextOffset: this.totalBytes, rotated: false };
    const head = Buffer.from(this.lines[index]).subarray(offset - this.offsets[index]).toString();
    return { text: head + this.lines.slice(index + 1).join(''), nextOffset: this.totalBytes, rotated: false };
  }

  private trim(): void {
    let drop = 0;
    while (this.keptBytes > this.capBytes && drop < this.lines.length - 1) {
      this.keptBytes -= Buffer.byteLength(this.lines[drop]);
      drop++;
    }
    this.lines = this.lines.slice(drop);
    this.offsets = this.offsets.slice(drop);
  }
}
