/**
 * Typed reads of XAPI record fields. JSON-RPC sends int64 as a number and XML-RPC as a
 * string, a DateTime as `20240101T00:00:00Z`, a null ref as `OpaqueRef:NULL`: these helpers
 * accept every form and never throw on a field that is missing or of another type.
 */
export type XapiRecord = Record<string, unknown>;

export const NULL_REF = 'OpaqueRef:NULL';

/** The `other_config` keys Xen Orchestra writes on the VMs and VDIs its backups snapshot. */
export const XO_BACKUP_PREFIX = 'xo:backup:';
/** The key naming the VM a backup snapshot was taken of. */
export const XO_BACKUP_VM_KEY = `${XO_BACKUP_PREFIX}vm`;

export function str(record: XapiRecord | undefined, field: string): string {
  const value = record?.[field];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A ref field, or null for `OpaqueRef:NULL` / missing. */
export function ref(record: XapiRecord | undefined, field: string): string | null {
  const value = str(record, field);
  return value === '' || value === NULL_REF ? null : value;
}

export function num(record: XapiRecord | undefined, field: string): number {
  const value = record?.[field];
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : 0;
}

export function bool(record: XapiRecord | undefined, field: string): boolean {
  const value = record?.[field];
  return value === true || value === 'true' || value === '1';
}

export function stringMap(record: XapiRecord | undefined, field: string): Record<string, string> {
  const value = record?.[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = typeof entry === 'string' ? entry : String(entry);
  return out;
}

export function strings(record: XapiRecord | undefined, field: string): string[] {
  const value = record?.[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const XAPI_DATETIME = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch ms of a XAPI DateTime (`20240101T00:00:00Z`, also with dashes or an offset), or null
 * when unset: XAPI's unset value is the epoch itself.
 */
/** XAPI's unset DateTime, as xapi sends it: most VDIs and VMs carry it. */
const XAPI_UNSET_DATETIME = '19700101T00:00:00Z';

export function dateTimeMs(record: XapiRecord | undefined, field: string): number | null {
  const value = str(record, field);
  if (value === XAPI_UNSET_DATETIME || value === '') return null;
  const match = XAPI_DATETIME.exec(value.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone === undefined || zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms <= 0 ? null : ms;
}
