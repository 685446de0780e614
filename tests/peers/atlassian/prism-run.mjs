// Runs the Prism CLI (node_modules/@stoplight/prism-cli) in this process with a parent-death
// watcher, so a Prism started by start.mjs never outlives it even when start.mjs is SIGKILLed.
//   node atlassian/prism-run.mjs proxy --errors -p PORT -h 127.0.0.1 SPEC UPSTREAM
// (same arguments as `prism`). Never start Prism through npx.
// PRISM_RANDOM_SEED set: Math.random is replaced by a seeded generator before Prism loads, so a
// dynamic mock (`mock -d`) answers the same sequence of requests with the same sequence of bodies.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../node_modules/@stoplight/prism-cli/dist/index.js');

if (process.env.PRISM_RANDOM_SEED) {
  const seedrandom = createRequire(cli)('seedrandom');
  Math.random = seedrandom(process.env.PRISM_RANDOM_SEED);
}

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

process.argv = [process.argv[0], cli, ...process.argv.slice(2)];
createRequire(import.meta.url)(cli);
