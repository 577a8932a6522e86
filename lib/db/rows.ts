/** The current-state rows the collector stores: plain values, bytes as numbers (stored as BigInt). */
import type { Prisma, PrismaClient, Sr } from './generated/client';

/** A client or an open transaction: every store works inside the collector's transaction. */
export type DbTx = PrismaClient | Prisma.TransactionClient;

export interface HostRow {
  uuid: string;
  ref: string;
  nameLabel: string;
  address: string;
  isMaster: boolean;
  enabled: boolean;
}

export interface SrRow {
  uuid: string;
  ref: string;
  /** XAPI name_label (untrusted text). */
  nameLabel: string;
  type: string;
  shared: boolean;
  physicalSizeBytes: number;
  physicalUtilisationBytes: number;
  /** SR other_config `gc` / `coalesce` / `leaf-coalesce` not switched off. */
  gcEnabled: boolean;
  coalesceEnabled: boolean;
  leafCoalesceEnabled: boolean;
  /** SM flagged the SR as too full to coalesce. */
  gcNoSpace: boolean;
  lastCoalesceError: string | null;
}

/** A stored SR's row, fields in SrRow's order: current-state signatures are its JSON. */
export function srRowOf(sr: Sr): SrRow {
  return {
    uuid: sr.uuid,
    ref: sr.ref,
    nameLabel: sr.nameLabel,
    type: sr.type,
    shared: sr.shared,
    physicalSizeBytes: Number(sr.physicalSizeBytes),
    physicalUtilisationBytes: Number(sr.physicalUtilisationBytes),
    gcEnabled: sr.gcEnabled,
    coalesceEnabled: sr.coalesceEnabled,
    leafCoalesceEnabled: sr.leafCoalesceEnabled,
    gcNoSpace: sr.gcNoSpace,
    lastCoalesceError: sr.lastCoalesceError,
  };
}

export interface VdiRow {
  uuid: string;
  ref: string;
  nameLabel: string;
  type: string;
  managed: boolean;
  missing: boolean;
  isSnapshot: boolean;
  snapshotOfUuid: string | null;
  snapshotTimeMs: number | null;
  virtualSizeBytes: number;
  physicalUtilisationBytes: number;
  vhdParentUuid: string | null;
  leafCoalesce: string | null;
  vmUuids: string[];
  chainLength: number;
}

export interface VmRow {
  uuid: string;
  ref: string;
  nameLabel: string;
  powerState: string;
  isControlDomain: boolean;
}

export interface SnapshotRow {
  vmUuid: string;
  snapshotUuid: string;
  nameLabel: string;
  snapshotTimeMs: number | null;
  /** Every `xo:backup:*` key of the snapshot's other_config. */
  xoBackup: Record<string, string>;
}

/** Bytes as stored: whole, non-negative. */
export function bytes(value: number): bigint {
  return BigInt(Number.isFinite(value) && value > 0 ? Math.round(value) : 0);
}

/**
 * A time read back from raw SQL as epoch ms. Columns come back as Date, but an aggregate
 * (MAX of a DateTime) has no declared type: SQLite returns the stored integer (epoch ms, or
 * ISO text in a database not migrated yet). Prisma's own `_max` cannot read it back, so
 * newest-row queries go through here.
 */
export function epochMsOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/** A stored JSON list of strings (a VDI's `vmUuids`); anything else reads as empty. */
export function parseStoredStrings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
