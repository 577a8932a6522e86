import type { XapiRecord } from '../../types';
import { NULL_REF, opaqueRef } from './xapi-values';
import { XAPI_EPOCH } from '../xapi-datetime';

export interface HostRecordInput {
  uuid: string;
  nameLabel: string;
  hostname: string;
  address: string;
  controlDomainRef: string;
  residentVmRefs: string[];
  pbdRefs: string[];
  localSrRef: string;
  /** When the host booted and when xapi last started (epoch seconds). */
  bootTimeSec: number;
  agentStartTimeSec: number;
}

/** A `host` record of an XCP-ng 8.3 host; `other_config`/`logging` as a fresh install sets them. */
export function makeHostRecord(input: HostRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    name_label: input.nameLabel,
    name_description: 'Default install',
    memory_overhead: 1_262_485_504,
    allowed_operations: ['vm_migrate', 'provision', 'vm_resume', 'evacuate', 'vm_start'],
    current_operations: {},
    API_version_major: 2,
    API_version_minor: 21,
    API_version_vendor: 'XenSource',
    API_version_vendor_implementation: {},
    enabled: true,
    software_version: {
      product_version: '8.3.0',
      product_version_text: '8.3',
      product_version_text_short: '8.3',
      platform_name: 'XCP',
      platform_version: '3.4.0',
      product_brand: 'XCP-ng',
      build_number: 'release/yangtze/master/58',
      hostname: input.hostname,
      date: '2024-10-02',
      dbv: '0.0.1',
      xapi: '24.19',
      xen: '4.17.5-3',
      linux: '4.19.0+1',
      xencenter_min: '2.21',
      xencenter_max: '2.21',
      network_backend: 'openvswitch',
    },
    other_config: {
      agent_start_time: `${input.agentStartTimeSec}.`,
      boot_time: `${input.bootTimeSec}.`,
      iscsi_iqn: `iqn.2024-08.com.example:${input.uuid.slice(0, 8)}`,
    },
    capabilities: ['xen-3.0-x86_64', 'hvm-3.0-x86_32', 'hvm-3.0-x86_32p', 'hvm-3.0-x86_64'],
    cpu_configuration: {},
    sched_policy: 'credit',
    supported_bootloaders: ['pygrub', 'eliloader'],
    resident_VMs: input.residentVmRefs,
    logging: {},
    PIFs: [opaqueRef(`${input.uuid.slice(0, 24)}0000000000f1`)],
    suspend_image_sr: input.localSrRef,
    crash_dump_sr: input.localSrRef,
    crashdumps: [],
    patches: [],
    updates: [],
    PBDs: input.pbdRefs,
    host_CPUs: [],
    cpu_info: { cpu_count: '16', socket_count: '2', vendor: 'GenuineIntel', speed: '2394.454', modelname: 'Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz', family: '6', model: '85', stepping: '7', flags: 'fpu de tsc msr pae mce cx8 apic sep', features: '', features_pv: '', features_hvm: '' },
    hostname: input.hostname,
    address: input.address,
    metrics: opaqueRef(`${input.uuid.slice(0, 24)}0000000000e1`),
    license_params: { sku_type: 'free', expiry: '20380119T03:14:07Z', restrict_lab: 'false' },
    ha_statefiles: [],
    ha_network_peers: [],
    blobs: {},
    tags: [],
    external_auth_type: '',
    external_auth_service_name: '',
    external_auth_configuration: {},
    edition: 'xcp-ng',
    license_server: { address: 'localhost', port: '27000' },
    bios_strings: { 'bios-vendor': 'Xen', 'bios-version': '', 'system-manufacturer': 'Xen', 'system-product-name': 'HVM domU' },
    power_on_mode: '',
    power_on_config: {},
    local_cache_sr: NULL_REF,
    chipset_info: { iommu: 'true' },
    PCIs: [],
    PGPUs: [],
    PUSBs: [],
    ssl_legacy: false,
    guest_VCPUs_params: {},
    display: 'enabled',
    virtual_hardware_platform_versions: [0, 1, 2],
    control_domain: input.controlDomainRef,
    updates_requiring_reboot: [],
    features: [],
    iscsi_iqn: `iqn.2024-08.com.example:${input.uuid.slice(0, 8)}`,
    multipathing: false,
    uefi_certificates: '',
    certificates: [],
    editions: ['xcp-ng'],
    pending_guidances: [],
    tls_verification_enabled: true,
    last_software_update: '20240815T08:00:00Z',
    https_only: false,
    latest_synced_updates_applied: 'unknown',
    numa_affinity_policy: 'default_policy',
    pending_guidances_recommended: [],
    pending_guidances_full: [],
    last_update_hash: '',
    ssh_enabled: true,
    ssh_enabled_timeout: 0,
    ssh_expiry: XAPI_EPOCH,
    console_idle_timeout: 0,
    ssh_auto_mode: false,
    max_cstate: '',
    secure_boot: false,
    ntp_mode: 'Factory',
    ntp_custom_servers: [],
    timezone: 'UTC',
  };
}
