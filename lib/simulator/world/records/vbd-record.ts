import type { XapiRecord } from '../../types';
import { NULL_REF } from './xapi-values';

export interface VbdRecordInput {
  uuid: string;
  vmRef: string;
  vdiRef: string;
  /** 0, 1, 2... as XAPI's `userdevice`. */
  position: number;
  currentlyAttached: boolean;
}

/** A disk `VBD` record (a VM's or a snapshot's). */
export function makeVbdRecord(input: VbdRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    allowed_operations: input.currentlyAttached ? ['attach', 'unplug', 'unplug_force'] : ['attach', 'plug'],
    current_operations: {},
    VM: input.vmRef,
    VDI: input.vdiRef,
    device: input.currentlyAttached ? `xvd${String.fromCharCode(97 + input.position)}` : '',
    userdevice: String(input.position),
    bootable: input.position === 0,
    mode: 'RW',
    type: 'Disk',
    unpluggable: false,
    storage_lock: false,
    empty: false,
    other_config: input.position === 0 ? { owner: 'true' } : {},
    currently_attached: input.currentlyAttached,
    status_code: 0,
    status_detail: '',
    runtime_properties: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
    qos_supported_algorithms: [],
    metrics: NULL_REF,
  };
}
