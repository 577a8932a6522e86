import type { XapiRecord } from '../../types';
import { NULL_REF, type StringMap } from './xapi-values';

export type SrType = 'lvm' | 'lvmoiscsi' | 'ext' | 'nfs';

export interface SrRecordInput {
  uuid: string;
  nameLabel: string;
  nameDescription: string;
  type: SrType;
  shared: boolean;
  vdiRefs: string[];
  pbdRefs: string[];
  physicalSizeBytes: number;
  physicalUtilisationBytes: number;
  virtualAllocationBytes: number;
  /** `gc`, `coalesce`, `leaf-coalesce` switches, `coalesce-error-rate`. */
  otherConfig?: StringMap;
  smConfig?: StringMap;
}

const SM_CONFIG_BY_TYPE: Record<SrType, StringMap> = {
  lvm: { allocation: 'thick', use_vhd: 'true', devserial: 'scsi-3600508b1001c5e1d4d2a3f8c7b6a5e41' },
  lvmoiscsi: { allocation: 'thick', use_vhd: 'true', multipathable: 'true', targetIQN: 'iqn.2001-05.com.equallogic:0-af1ff6-vol1' },
  ext: { devserial: 'scsi-3600508b1001c5e1d4d2a3f8c7b6a5e42' },
  nfs: { nosubdir: 'false' },
};

/** An `SR` record of a VHD-based SR: LVM (local or iSCSI) or file (ext, NFS). */
export function makeSrRecord(input: SrRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    name_label: input.nameLabel,
    name_description: input.nameDescription,
    allowed_operations: ['vdi_enable_cbt', 'vdi_list_changed_blocks', 'unplug', 'plug', 'pbd_create', 'vdi_disable_cbt', 'update', 'pbd_destroy', 'vdi_resize', 'vdi_clone', 'vdi_data_destroy', 'scan', 'vdi_snapshot', 'vdi_mirror', 'vdi_create', 'vdi_destroy', 'vdi_set_on_boot'],
    current_operations: {},
    VDIs: input.vdiRefs,
    PBDs: input.pbdRefs,
    virtual_allocation: input.virtualAllocationBytes,
    physical_utilisation: input.physicalUtilisationBytes,
    physical_size: input.physicalSizeBytes,
    type: input.type,
    content_type: 'user',
    shared: input.shared,
    other_config: { ...input.otherConfig },
    tags: [],
    sm_config: { ...SM_CONFIG_BY_TYPE[input.type], ...input.smConfig },
    blobs: {},
    local_cache_enabled: false,
    introduced_by: NULL_REF,
    clustered: false,
    is_tools_sr: false,
  };
}
