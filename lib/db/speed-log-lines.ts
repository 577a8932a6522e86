/**
 * New readings in `/run/<sr>.speed_log`. SM appends one bytes/s figure per coalesce and keeps
 * the last 10 lines, with no timestamps: a reading is new when it is past the longest overlap
 * between the end of the lines seen last time and the start of the lines now.
 */
export function newSpeedLines(previous: readonly string[] | null, current: readonly string[]): string[] {
  if (previous === null || previous.length === 0) return [...current];
  for (let dropped = 0; dropped <= previous.length; dropped++) {
    const overlap = previous.length - dropped;
    if (overlap > current.length) continue;
    let matches = true;
    for (let i = 0; i < overlap && matches; i++) matches = previous[dropped + i] === current[i];
    if (matches) return current.slice(overlap);
  }
  return [...current];
}

/** The figures of a speed_log text: one positive number a line, anything else skipped. */
export function speedLogLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && Number.isFinite(Number(line)) && Number(line) > 0);
}
