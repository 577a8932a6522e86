/** Date formats the simulated pool writes, each as the real component writes it. */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** XAPI DateTime over JSON-RPC: `20240101T00:00:00Z`. */
export function toXapiDateTime(atMs: number): string {
  const d = new Date(atMs);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`
  );
}

/** XAPI's value for an unset DateTime. */
export const XAPI_EPOCH = '19700101T00:00:00Z';

/** Xen Orchestra's `xo:backup:datetime` (`formatDateTime`): `20240101T000000Z`. */
export function toXoDateTime(atMs: number): string {
  return toXapiDateTime(atMs).replace(/:/g, '');
}
