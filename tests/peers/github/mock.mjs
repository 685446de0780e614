// Starts a Stoplight Prism MOCK server in dynamic mode (`prism mock -d`) on the test copy of
// GitHub's published OpenAPI description (spec.mjs): every valid request gets a RANDOM body valid
// under the description (json-schema-faker with ../lib/spec_mock.mjs options: optional properties
// present half of the time, nullable ones sometimes null), a different one each time. The contract
// suite (tests/contract/github_contract_test.cpp) runs the GitHub connector against it. Prints ONE
// line:  READY {"api":"http://127.0.0.1:P","seed":"S"}
// Math.random is seeded from GH_MOCK_SEED (default "ucf-contract") through prism-run.mjs, so a
// failing round is repeated by running again with the same seed. GH_EXIT_WITH_PARENT=1: stop with
// the parent.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endWith } from '../lib/lifecycle.mjs';
import { freePort, probe } from '../lib/ports.mjs';
import { FAKER_OPTIONS, realNulls } from '../lib/spec_mock.mjs';
import { prepareSpec } from './spec.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
let child = null;

function mockCopy(source) {
  const target = source.replace(/\.json$/, `.mock-${fs.statSync(fileURLToPath(import.meta.url)).size}.json`);
  if (fs.existsSync(target)) return target;
  const spec = realNulls(JSON.parse(fs.readFileSync(source, 'utf8')));
  spec['x-json-schema-faker'] = { ...FAKER_OPTIONS, pruneProperties: [] };
  fs.writeFileSync(`${target}.${process.pid}.tmp`, JSON.stringify(spec));
  fs.renameSync(`${target}.${process.pid}.tmp`, target);
  return target;
}

function stop(code) {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}
endWith(() => stop(0), { exitWithParent: env.GH_EXIT_WITH_PARENT === '1' });

try {
  const t0 = Date.now();
  const seed = env.GH_MOCK_SEED || 'ucf-contract';
  const spec = mockCopy(prepareSpec());
  const port = await freePort();
  child = spawn(process.execPath, [path.join(here, '../atlassian/prism-run.mjs'), 'mock', '-d', '-v', env.GH_PRISM_LOG || 'warn',
    '-p', String(port), '-h', '127.0.0.1', spec], { env: { ...env, PRISM_RANDOM_SEED: `${seed}:github` }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (c) => process.stderr.write(`[github mock] ${c}`));
  child.stderr.on('data', (c) => process.stderr.write(`[github mock] ${c}`));
  child.on('exit', () => stop(1));
  const url = `http://127.0.0.1:${port}`;
  const deadline = t0 + Number(env.GH_START_TIMEOUT_MS || 120000);
  while (!(await probe(`${url}/`))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('prism mock did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`[github mock] ready in ${Date.now() - t0} ms (seed ${seed})\n`);
  process.stdout.write(`READY ${JSON.stringify({ api: url, seed })}\n`);
} catch (e) {
  process.stderr.write(`[github mock] start failed: ${e.message}\n`);
  stop(1);
}
