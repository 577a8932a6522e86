#!/usr/bin/env node
// The `chainwatch` command: analyze, collect, simulate. The code is TypeScript in lib/cli;
// tsx compiles it on the fly so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
