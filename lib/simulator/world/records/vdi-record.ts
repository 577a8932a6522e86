import type { XapiRecord } from '../../types';
import { NULL_REF, type StringMap } from './xapi-values';
import { XAPI_EPOCH, toXapiDateTime } from '../xapi-datetime';

export interface VdiRecordInput {
  uuid: string;
  nameLabel: string;
  nameDescription: string;
  srRef: string;
  vbdRefs: string[];
  virtualSizeBytes: number;
  physicalUtilisationBytes: number;
  /** false for a base copy (hidden VHD). */
  managed: boolean;
  isASnapshot: boolean;
  snapshotOfRef: string;
  snapshotTimeMs: number | null;
  snapshotRefs: string[];
  /** `vhd-parent`, `vdi_type`, `host_<ref>`, ... */
  smConfig: StringMap;
  otherConfig: StringMap;
  /** SM location: the VDI uuid for VHD SRs. */
  location: string;
  readOnly: boolean;
}

const MANAGED_OPERATIONS = ['clone', 'copy', 'resize', 'destroy', 'mirror', 'snapshot', 'data_destroy', 'set_on_boot', 'update', 'enable_cbt', 'disable_cbt', 'list_changed_blocks'];

/**
 * A `VDI` record as SM leaves it on a VHD-based SR. `parent` is deprecated and always null.
 * Constant arrays are shared between records: records are read-only, changes replace fields.
 */
export function makeVdiRecord(input: VdiRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    name_label: input.nameLabel,
    name_description: input.nameDescription,
    allowed_operations: input.managed ? MANAGED_OPERATIONS : [],
    current_operations: {},
    SR: input.srRef,
    VBDs: input.vbdRefs,
    crash_dumps: [],
    virtual_size: input.virtualSizeBytes,
    physical_utilisation: input.physicalUtilisationBytes,
    type: 'user',
    sharable: false,
    read_only: input.readOnly,
    other_config: { ...input.otherConfig },
    storage_lock: false,
    location: input.location,
    managed: input.managed,
    missing: false,
    parent: NULL_REF,
    xenstore_data: {},
    sm_config: { ...input.smConfig },
    is_a_snapshot: input.isASnapshot,
    snapshot_of: input.snapshotOfRef,
    snapshots: input.snapshotRefs,
    snapshot_time: input.snapshotTimeMs === null ? XAPI_EPOCH : toXapiDateTime(input.snapshotTimeMs),
    tags: [],
    allow_caching: false,
    on_boot: 'persist',
    metadata_of_pool: NULL_REF,
    metadata_latest: false,
    is_tools_iso: false,
    cbt_enabled: false,
  };
}
