import type { XapiRecord } from '../../types';
import { NULL_REF, type StringMap } from './xapi-values';
import { XAPI_EPOCH, toXapiDateTime } from '../xapi-datetime';

export interface TaskRecordInput {
  uuid: string;
  nameLabel: string;
  nameDescription: string;
  createdMs: number;
  residentOnRef: string;
  otherConfig: StringMap;
}

/** A pending `task` record, as `task.create` or an `Async.*` call makes it. */
export function makeTaskRecord(input: TaskRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    name_label: input.nameLabel,
    name_description: input.nameDescription,
    allowed_operations: ['cancel'],
    current_operations: {},
    created: toXapiDateTime(input.createdMs),
    finished: XAPI_EPOCH,
    status: 'pending',
    resident_on: input.residentOnRef,
    progress: 0,
    type: '<none/>',
    result: '',
    error_info: [],
    other_config: { ...input.otherConfig },
    subtask_of: NULL_REF,
    subtasks: [],
    backtrace: '()',
  };
}
