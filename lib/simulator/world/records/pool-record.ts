import type { XapiRecord } from '../../types';
import { NULL_REF, type StringMap } from './xapi-values';
import { XAPI_EPOCH } from '../xapi-datetime';

export interface PoolRecordInput {
  uuid: string;
  nameLabel: string;
  masterRef: string;
  defaultSrRef: string;
  otherConfig?: StringMap;
}

/** A `pool` record of an XCP-ng 8.3 pool without HA, WLB or telemetry configured. */
export function makePoolRecord(input: PoolRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    name_label: input.nameLabel,
    name_description: '',
    master: input.masterRef,
    default_SR: input.defaultSrRef,
    suspend_image_SR: input.defaultSrRef,
    crash_dump_SR: input.defaultSrRef,
    other_config: { memory_ratio_hvm: '0.25', memory_ratio_pv: '0.25', ...input.otherConfig },
    ha_enabled: false,
    ha_configuration: {},
    ha_statefiles: [],
    ha_host_failures_to_tolerate: 0,
    ha_plan_exists_for: 0,
    ha_allow_overcommit: false,
    ha_overcommitted: false,
    blobs: {},
    tags: [],
    gui_config: {},
    health_check_config: {},
    wlb_url: '',
    wlb_username: '',
    wlb_enabled: false,
    wlb_verify_cert: false,
    redo_log_enabled: false,
    redo_log_vdi: NULL_REF,
    vswitch_controller: '',
    restrictions: { restrict_vswitch_controller: 'false', restrict_lab: 'false', restrict_pooling: 'false' },
    metadata_VDIs: [],
    ha_cluster_stack: 'xhad',
    allowed_operations: ['ha_enable', 'cluster_create', 'designate_new_master', 'configure_repositories', 'cert_refresh', 'copy_primary_host_certs'],
    current_operations: {},
    guest_agent_config: {},
    cpu_info: { cpu_count: '16', socket_count: '2', vendor: 'GenuineIntel', features_hvm: '', features_pv: '' },
    policy_no_vendor_device: false,
    live_patching_disabled: false,
    igmp_snooping_enabled: false,
    uefi_certificates: '',
    custom_uefi_certificates: '',
    is_psr_pending: false,
    tls_verification_enabled: true,
    repositories: [],
    client_certificate_auth_enabled: false,
    client_certificate_auth_name: '',
    repository_proxy_url: '',
    repository_proxy_username: '',
    repository_proxy_password: NULL_REF,
    migration_compression: false,
    coordinator_bias: true,
    local_auth_max_threads: 8,
    ext_auth_max_threads: 1,
    ext_auth_cache_enabled: false,
    ext_auth_cache_size: 50,
    ext_auth_cache_expiry: 300,
    telemetry_uuid: NULL_REF,
    telemetry_frequency: 'weekly',
    telemetry_next_collection: XAPI_EPOCH,
    last_update_sync: XAPI_EPOCH,
    update_sync_frequency: 'weekly',
    update_sync_day: 0,
    update_sync_enabled: false,
    recommendations: {},
    license_server: {},
    ha_reboot_vm_on_internal_shutdown: true,
    limit_console_sessions: false,
    vm_console_idle_timeout: 0,
    auto_update_vm_secureboot_certificates: false,
  };
}
