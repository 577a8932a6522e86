import type { XapiRecord } from '../../types';
import { toXapiDateTime } from '../xapi-datetime';

export interface MessageRecordInput {
  uuid: string;
  name: string;
  /** 1 (most urgent) .. 5. */
  priority: number;
  cls: 'VM' | 'Host' | 'SR' | 'Pool' | 'VDI';
  objUuid: string;
  timestampMs: number;
  body: string;
}

/** A `message` record (an alert such as `SM_GC_NO_SPACE`). */
export function makeMessageRecord(input: MessageRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    name: input.name,
    priority: input.priority,
    cls: input.cls,
    obj_uuid: input.objUuid,
    timestamp: toXapiDateTime(input.timestampMs),
    body: input.body,
  };
}
