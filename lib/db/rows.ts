/** The current-state rows the collector stores: plain values, bytes as numbers (stored as BigInt). */
import type { Prisma, PrismaClient } from './generated/client';

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
  nameLabel: string;
  type: string;
  shared: boolean;
  physicalSizeBytes: number;
  physicalUtilisationBytes: number;
  gcEnabled: boolean;
  coalesceEnabled: boolean;
  leafCoalesceEnabled: boolean;
  gcNoSpace: boolean;
  lastCoalesceError: string | null;
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
