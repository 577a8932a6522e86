/**
 * A fixed piece of CPU work, timed: this machine's speed right now. A shared 2-core machine
 * runs the same code up to ~2× slower in some minutes than in others; a figure printed beside
 * this one can be compared with another run's at the same reference.
 */
const RECORDS = 20_000;

function referenceText(): string {
  const records: Record<string, unknown> = {};
  for (let i = 0; i < RECORDS; i++) {
    records[`OpaqueRef:${i.toString(16).padStart(32, '0')}`] = {
      uuid: `u${i}`,
      name_label: `disk ${i}`,
      sm_config: { 'vhd-parent': `p${i}`, 'vhd-blocks': 'eJztwTEBAAAAwqD1T20ND6AAAAAAAAAAAAAAAAAAAAD4NgBQAAAB' },
      other_config: {},
      virtual_size: 1e11,
      physical_utilisation: 5e9,
      type: 'user',
      VBDs: [],
    };
  }
  return JSON.stringify(records);
}

/** Median ms of 7 parses of the same 5 MB of JSON (XAPI-like records), each read once. */
export function machineReferenceMs(): number {
  const text = referenceText();
  const times: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    let length = 0;
    for (const record of Object.values(JSON.parse(text) as Record<string, { name_label: string }>)) length += record.name_label.length;
    times.push(performance.now() - t0);
    if (length === 0) throw new Error('reference parse read nothing');
  }
  return times.sort((a, b) => a - b)[3];
}
