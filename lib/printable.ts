/**
 * Text from XAPI, a host or a pasted file, safe for a terminal or a log line: control
 * characters (newlines, escape sequences) and bidirectional overrides shown as `?`, so a
 * name cannot forge a log line or repaint a terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}
