/** SQLite caps the variables bound in one statement: long `IN` lists are looked up in slices. */
const SLICE = 400;

export function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
}
