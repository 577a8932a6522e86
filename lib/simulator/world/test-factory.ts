/** Small worlds for the model tests (used by tests only). */
import { buildWorld, type World } from './world';
import type { WorldBuilder } from './world-builder';
import type { SimSr, VhdNode } from './model';

export const TEST_START_MS = Date.UTC(2024, 7, 19, 6, 0, 0);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A world with one custom scenario built by `build`. */
export function worldWith(build: (b: WorldBuilder) => void, seed = 7): World {
  return buildWorld(
    [
      {
        name: 'test',
        description: 'test',
        setup: {
          build(b) {
            build(b);
            return { expectations: [] };
          },
        },
      },
    ],
    { seed, startMs: TEST_START_MS },
  );
}

/** Let the start-up GC look at every SR (it runs within two minutes) and finish. */
export function settleStartup(world: World): void {
  world.advance(15 * MINUTE_MS);
}

export function srOf(world: World, nameLabel: string): SimSr {
  for (const sr of world.context.srs.values()) {
    if (world.record('SR', sr.ref)?.name_label === nameLabel) return sr;
  }
  throw new Error(`No SR named ${nameLabel}`);
}

export function vmRefByName(world: World, nameLabel: string): string {
  for (const [ref, record] of world.allRecords('VM')) {
    if (record.name_label === nameLabel && record.is_a_snapshot === false) return ref;
  }
  throw new Error(`No VM named ${nameLabel}`);
}

/** The VHD node behind a VM's first disk. */
export function diskNode(world: World, vmRef: string): VhdNode {
  const vbdRef = (world.record('VM', vmRef)?.VBDs as string[])[0];
  const vdiRef = String(world.record('VBD', vbdRef)?.VDI);
  const found = world.context.vdis.get(vdiRef);
  if (!found) throw new Error(`No disk for ${vmRef}`);
  return found.node;
}

export function smlogOfAllHosts(world: World): string {
  return world.hosts().map((host) => world.smlog(host.ref)).join('');
}

/** SMlog messages (the text after `[pid] `) in order. */
export function smlogMessages(world: World): string[] {
  return smlogOfAllHosts(world)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/^.*?: \[\d+\] /, ''));
}
