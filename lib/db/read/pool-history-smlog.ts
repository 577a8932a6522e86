/**
 * Stored SMGC lines back into the SMlog events the forecasts read. The collector keeps each
 * line's message, pid, time and SR; the kind, VDI tokens and numbers are read again from the
 * message (the classifier the SMlog parser uses, which reads them from the text alone), so
 * nothing is lost by storing text.
 */
import { classifySmlogMessage } from '../../vhd/smlog-message';
import type { SmlogEvent } from '../../vhd/types';
import type { GcEvent, GcLine } from '../generated/client';

export type StoredGcLine = Pick<GcEvent, 'at' | 'pid'> & Pick<GcLine, 'message' | 'srUuid'> & { hostName: string };

/** One stored SMGC line as an SMlog event; `line` is its position among the lines read. */
export function smlogEventOf(row: StoredGcLine, line: number): SmlogEvent {
  const info = classifySmlogMessage(row.message);
  const event: SmlogEvent = {
    kind: info.kind,
    atMs: row.at.getTime(),
    host: row.hostName,
    ident: 'SMGC',
    pid: row.pid,
    line,
    message: row.message,
    vdis: info.vdis,
  };
  if (info.fields) Object.assign(event, info.fields);
  // A tree dump that names its SR by a 4-digit prefix was tied to the whole uuid when read.
  if (row.srUuid !== null) event.srUuid = row.srUuid;
  return event;
}
