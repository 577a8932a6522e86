/**
 * One CSV cell (RFC 4180 quoting). Text that a spreadsheet would run as a formula
 * (`=cmd|' /C calc'!A0`, names from XAPI are untrusted) is prefixed with a quote.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
