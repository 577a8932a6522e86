/** Factories for SMlog tests: lines as SM writes them, and the VDI tokens they name. */
import { expect } from 'vitest';
import { parseSmlog } from '../../lib/vhd/smlog-parser';
import { formatSmlogLine, type SmlogLine } from '../../lib/vhd/smlog-format';
import type { SmlogEvent, VdiToken } from '../../lib/vhd/types';
import { parseVdiToken } from '../../lib/vhd/vdi-token';

export const SR_UUID = 'f951f048-dfcb-8bab-8339-463e9c9b708c';
export const AT = Date.UTC(2024, 7, 21, 10, 31, 8);
export const READ_AT = { referenceMs: Date.UTC(2024, 8, 1) };
export const GIB = 1024 ** 3;

/** An SMlog line as SM writes it; SMGC, pid 628 on host rigel unless told otherwise. */
export function smlogLine(message: string, overrides: Partial<SmlogLine> = {}): string {
  return formatSmlogLine({ atMs: AT, host: 'rigel', ident: 'SMGC', pid: 628, message, ...overrides });
}

/** The one event of a one-line log. */
export function parseOne(message: string, ident = 'SMGC'): SmlogEvent {
  const { events } = parseSmlog(smlogLine(message, { ident }), READ_AT);
  expect(events).toHaveLength(1);
  return events[0];
}

export function token(text: string): VdiToken {
  const parsed = parseVdiToken(text);
  if (!parsed) throw new Error(`not a VDI token: ${text}`);
  return parsed;
}

export const LEAF = token('7ef76d55[VHD](500.000G/272.649M/500.984G|ao)');
export const BASE = token('*43454904[VHD](500.000G//500.949G|ao)');
export const FILE_VDI = token('*abcd1234(20.000G/1.000G/512.000M)');
export const prefixes = (e: SmlogEvent): string[] => e.vdis.map((v) => v.uuidPrefix);
