import type { XapiRecord } from '../../types';
import type { SrType } from './sr-record';

export interface PbdRecordInput {
  uuid: string;
  hostRef: string;
  srRef: string;
  srType: SrType;
  srUuid: string;
}

/**
 * What `xe sr-create` would have stored for each type; no secret (an iSCSI SR with CHAP would
 * carry `chappassword` here, which is why the collector reads only `host` and `SR`).
 */
function deviceConfig(type: SrType, srUuid: string): Record<string, string> {
  const serial = srUuid.replace(/-/g, '').slice(0, 16);
  switch (type) {
    case 'lvm':
      return { device: `/dev/disk/by-id/scsi-3600508b1001c${serial}` };
    case 'ext':
      return { device: `/dev/disk/by-id/scsi-3600508b1001d${serial}` };
    case 'lvmoiscsi':
      return { target: '10.0.20.50', port: '3260', targetIQN: 'iqn.2001-05.com.equallogic:0-af1ff6-vol1', SCSIid: `36090a0${serial}`, multihomelist: '10.0.20.50:3260' };
    case 'nfs':
      return { server: '10.0.20.60', serverpath: `/export/xcp/${srUuid.slice(0, 8)}`, nfsversion: '3' };
  }
}

/** A `PBD` record: the SR plugged on a host (all six fields of XAPI's PBD class). */
export function makePbdRecord(input: PbdRecordInput): XapiRecord {
  return {
    uuid: input.uuid,
    host: input.hostRef,
    SR: input.srRef,
    device_config: deviceConfig(input.srType, input.srUuid),
    currently_attached: true,
    other_config: {},
  };
}
