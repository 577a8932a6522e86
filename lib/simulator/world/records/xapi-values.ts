/** Value conventions of XAPI records over JSON-RPC. */

export const NULL_REF = 'OpaqueRef:NULL';

export function opaqueRef(uuid: string): string {
  return `OpaqueRef:${uuid}`;
}

export type StringMap = Record<string, string>;
