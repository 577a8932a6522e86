import type { XapiRecord } from '../../types';
import { NULL_REF, opaqueRef, type StringMap } from './xapi-values';
import { XAPI_EPOCH, toXapiDateTime } from '../xapi-datetime';
import { GiB } from '../vhd-sizes';

export interface VmRecordInput {
  uuid: string;
  nameLabel: string;
  nameDescription: string;
  kind: 'guest' | 'control-domain' | 'snapshot';
  powerState: 'Running' | 'Halted';
  residentOnRef: string;
  vbdRefs: string[];
  memoryBytes: number;
  vcpus: number;
  /** Guest: its snapshots. */
  snapshotRefs: string[];
  /** Snapshot: the VM it was taken of, and when. */
  snapshotOfRef: string;
  snapshotTimeMs: number | null;
  otherConfig: StringMap;
  domid: number;
}

const GUEST_OPERATIONS = ['snapshot', 'clone', 'copy', 'checkpoint', 'snapshot_with_quiesce', 'pause', 'clean_shutdown', 'clean_reboot', 'hard_shutdown', 'hard_reboot', 'suspend', 'pool_migrate', 'migrate_send', 'changing_dynamic_range', 'changing_VCPUs_live'];
const HALTED_OPERATIONS = ['snapshot', 'clone', 'copy', 'export', 'start', 'start_on', 'changing_VCPUs', 'changing_static_range', 'changing_NVRAM', 'create_template'];
const SNAPSHOT_OPERATIONS = ['clone', 'copy', 'revert', 'export', 'create_template', 'destroy'];

function allowedOperations(input: VmRecordInput): string[] {
  if (input.kind === 'control-domain') return [];
  if (input.kind === 'snapshot') return SNAPSHOT_OPERATIONS;
  return input.powerState === 'Running' ? GUEST_OPERATIONS : HALTED_OPERATIONS;
}

/** A `VM` record: a guest (HVM, UEFI), a host's control domain, or a snapshot of a guest. */
export function makeVmRecord(input: VmRecordInput): XapiRecord {
  const running = input.powerState === 'Running';
  const isDom0 = input.kind === 'control-domain';
  const isSnapshot = input.kind === 'snapshot';
  const metricsRef = opaqueRef(`${input.uuid.slice(0, 24)}0000000000a1`);
  return {
    uuid: input.uuid,
    allowed_operations: allowedOperations(input),
    current_operations: {},
    name_label: input.nameLabel,
    name_description: input.nameDescription,
    power_state: isSnapshot ? 'Halted' : input.powerState,
    user_version: 1,
    is_a_template: isSnapshot,
    is_default_template: false,
    suspend_VDI: NULL_REF,
    resident_on: running && !isSnapshot ? input.residentOnRef : NULL_REF,
    scheduled_to_be_resident_on: NULL_REF,
    affinity: isDom0 ? input.residentOnRef : NULL_REF,
    memory_overhead: Math.round(input.memoryBytes / 128),
    memory_target: running ? input.memoryBytes : 0,
    memory_static_max: input.memoryBytes,
    memory_dynamic_max: input.memoryBytes,
    memory_dynamic_min: input.memoryBytes,
    memory_static_min: isDom0 ? input.memoryBytes : 1 * GiB,
    VCPUs_params: {},
    VCPUs_max: input.vcpus,
    VCPUs_at_startup: input.vcpus,
    actions_after_softreboot: 'soft_reboot',
    actions_after_shutdown: 'destroy',
    actions_after_reboot: 'restart',
    actions_after_crash: 'restart',
    consoles: [],
    VIFs: [],
    VBDs: input.vbdRefs,
    VUSBs: [],
    crash_dumps: [],
    VTPMs: [],
    PV_bootloader: '',
    PV_kernel: '',
    PV_ramdisk: '',
    PV_args: '',
    PV_bootloader_args: '',
    PV_legacy_args: '',
    HVM_boot_policy: isDom0 ? '' : 'BIOS order',
    HVM_boot_params: isDom0 ? {} : { order: 'cd', firmware: 'uefi' },
    HVM_shadow_multiplier: 1,
    platform: isDom0 ? {} : { 'device-model': 'qemu-upstream-uefi', secureboot: 'false', viridian: 'true', nx: 'true', acpi: '1', apic: 'true', pae: 'true', hpet: 'true' },
    PCI_bus: '',
    other_config: { ...input.otherConfig },
    domid: running && !isSnapshot ? input.domid : -1,
    domarch: running && !isSnapshot ? 'x64' : '',
    last_boot_CPU_flags: running ? { vendor: 'GenuineIntel', features: '1fdbfbff-f6fa3203-2c100800-00000121' } : {},
    is_control_domain: isDom0,
    metrics: metricsRef,
    guest_metrics: running && !isDom0 ? opaqueRef(`${input.uuid.slice(0, 24)}0000000000b1`) : NULL_REF,
    last_booted_record: '',
    recommendations: isDom0 ? '' : '<restrictions><restriction field="memory-static-max" max="1649267441664"/><restriction field="vcpus-max" max="32"/></restrictions>',
    xenstore_data: {},
    ha_always_run: false,
    ha_restart_priority: '',
    is_a_snapshot: isSnapshot,
    snapshot_of: input.snapshotOfRef,
    snapshots: input.snapshotRefs,
    snapshot_time: input.snapshotTimeMs === null ? XAPI_EPOCH : toXapiDateTime(input.snapshotTimeMs),
    transportable_snapshot_id: '',
    blobs: {},
    tags: [],
    blocked_operations: {},
    snapshot_info: isSnapshot ? { 'power-state-at-snapshot': 'Running' } : {},
    snapshot_metadata: '',
    parent: NULL_REF,
    children: [],
    bios_strings: isDom0 ? {} : { 'bios-vendor': 'Xen', 'bios-version': '', 'system-manufacturer': 'Xen', 'system-product-name': 'HVM domU', 'system-version': '', 'system-serial-number': '', 'baseboard-manufacturer': '', 'hp-rombios': '', 'oem-1': 'Xen', 'oem-2': 'MS_VM_CERT/SHA1/bdbeb6e0a816d43fa6d3fe8aaef04c2bad9d3e3d' },
    protection_policy: NULL_REF,
    is_snapshot_from_vmpp: false,
    snapshot_schedule: NULL_REF,
    is_vmss_snapshot: false,
    appliance: NULL_REF,
    start_delay: 0,
    shutdown_delay: 0,
    order: 0,
    VGPUs: [],
    attached_PCIs: [],
    suspend_SR: NULL_REF,
    version: 0,
    generation_id: isDom0 ? '' : '0:0',
    hardware_platform_version: 0,
    has_vendor_device: false,
    requires_reboot: false,
    reference_label: '',
    domain_type: isDom0 ? 'pv' : 'hvm',
    NVRAM: {},
    pending_guidances: [],
    pending_guidances_recommended: [],
    pending_guidances_full: [],
    groups: [],
    secureboot_certificates_state: 'ok',
  };
}
