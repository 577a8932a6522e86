/**
 * Prints VHDs the way `vhd-util scan` does (blktap vhd/lib/vhd-util-scan.c), for the simulator's
 * SSH server and for round-trip tests of the parser. Deterministic; never recurses.
 */

export interface ScanPrintNode {
  /** Printed as given (pass a basename unless imitating `-v`). */
  name: string;
  capacityBytes: number;
  sizeBytes: number;
  hidden: boolean;
  parentName: string | null;
  /** `-M` fields; printed as `marker=0 keyhash=` when absent. */
  marker?: number;
  keyhash?: string;
  /** vhd-util could not read this VHD: printed as a `scan-error` line instead of its fields. */
  scanError?: { code: number; message: string };
}

export interface ScanFormatOptions {
  /** Add `marker=` and `keyhash=` (`vhd-util scan -M`). */
  markers?: boolean;
}

/** vhd-util -p indents each tree level by `depth * 3` spaces. */
const INDENT_STEP = 3;
const NOT_FOUND_SUFFIX = ' (not found in scan)';

/** vhd-util prints these as unsigned 64-bit integers. */
function unsigned(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) && value > 0 ? String(Math.floor(value)) : '0';
}

function formatLine(node: ScanPrintNode, depth: number, parentFound: boolean, opts: ScanFormatOptions): string {
  if (node.scanError) {
    // Scan errors print as they happen, unindented, before any tree.
    return `vhd=${node.name} scan-error=${Math.trunc(node.scanError.code) || 0} error-message='${node.scanError.message}'`;
  }
  const markers = opts.markers ? ` marker=${unsigned(node.marker)} keyhash=${node.keyhash ?? ''}` : '';
  const suffix = node.parentName !== null && !parentFound ? NOT_FOUND_SUFFIX : '';
  return (
    `${' '.repeat(depth * INDENT_STEP)}vhd=${node.name} capacity=${unsigned(node.capacityBytes)} ` +
    `size=${unsigned(node.sizeBytes)} hidden=${node.hidden ? 1 : 0}${markers} parent=${node.parentName ?? 'none'}${suffix}`
  );
}

/** One flat string ending in a newline (a join, not a concatenation that a reader must flatten). */
function joinLines(lines: string[]): string {
  if (lines.length === 0) return '';
  lines.push('');
  return lines.join('\n');
}

/** Plain `vhd-util scan`: one line per VHD, in the order given. */
export function formatScanFlat(nodes: ScanPrintNode[], opts: ScanFormatOptions = {}): string {
  return joinLines(nodes.map((node) => formatLine(node, 0, true, opts)));
}

function byName(a: ScanPrintNode, b: ScanPrintNode): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * `vhd-util scan -p`: scan errors first; then, like vhd-util, the VHDs sorted by name (first of a
 * repeated name kept), hidden roots, then the other roots (including VHDs whose parent is not in
 * the scan, marked ` (not found in scan)`), then whatever a parent cycle left unprinted. Under
 * each VHD its non-hidden children come first, then the hidden ones, each group by name.
 */
export function formatScanTree(nodes: ScanPrintNode[], opts: ScanFormatOptions = {}): string {
  const lines: string[] = [];
  const indexByName = new Map<string, number>();
  const images: ScanPrintNode[] = [];
  for (const node of nodes) {
    if (node.scanError) lines.push(formatLine(node, 0, true, opts));
    else if (!indexByName.has(node.name)) {
      indexByName.set(node.name, 0);
      images.push(node);
    }
  }
  images.sort(byName);
  images.forEach((image, i) => indexByName.set(image.name, i));

  const parentOf = images.map((image) => (image.parentName === null ? -1 : (indexByName.get(image.parentName) ?? -1)));
  const children: number[][] = images.map(() => []);
  parentOf.forEach((parent, i) => {
    if (parent !== -1) children[parent].push(i);
  });

  const printed = new Array<boolean>(images.length).fill(false);
  const printTree = (root: number): void => {
    const stack: [index: number, depth: number][] = [[root, 0]];
    for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
      const [index, depth] = entry;
      if (printed[index]) continue;
      printed[index] = true;
      lines.push(formatLine(images[index], depth, parentOf[index] !== -1, opts));
      const kids = children[index];
      // Pushed in reverse so that they pop non-hidden first, each group by name.
      for (let k = kids.length - 1; k >= 0; k--) if (images[kids[k]].hidden) stack.push([kids[k], depth + 1]);
      for (let k = kids.length - 1; k >= 0; k--) if (!images[kids[k]].hidden) stack.push([kids[k], depth + 1]);
    }
  };
  images.forEach((image, i) => {
    if (parentOf[i] === -1 && image.hidden) printTree(i);
  });
  images.forEach((_, i) => {
    if (parentOf[i] === -1) printTree(i);
  });
  images.forEach((_, i) => printTree(i));
  return joinLines(lines);
}
