// The test copy of GitHub's published OpenAPI description that the GitHub peers give Prism
// (start.mjs: validating proxy; mock.mjs: dynamic mock). It differs from
// ../shared/contracts/github/api.github.com.json in two ways only: (1) only the operations the
// connector uses are kept (OPERATIONS; every other path is refused by Prism), with the components
// they reach; (2) "$ref" keys whose value is not a local "#/…" pointer — data inside SCIM examples
// such as {"$ref": "https://api.github.com/scim/…"} — are renamed "x-example-ref", since Prism
// would otherwise try to download them. Written once to $TMPDIR/ucf-github-spec-<stamp>.json.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;

export function contractsDir() {
  return env.GH_CONTRACTS_DIR || path.resolve(here, '../../../../shared/contracts');
}

export const OPERATIONS = ['/user', '/user/repos', '/search/issues', '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/comments',
  '/repos/{owner}/{repo}/issues/{issue_number}', '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/hooks', '/repos/{owner}/{repo}/hooks/{hook_id}'];

export function prepareSpec() {
  const source = path.join(contractsDir(), 'github/api.github.com.json');
  const stamp = Math.floor(fs.statSync(source).mtimeMs) + fs.statSync(fileURLToPath(import.meta.url)).size;
  const target = path.join(os.tmpdir(), `ucf-github-spec-${stamp}.json`);
  if (fs.existsSync(target)) return target;
  const spec = JSON.parse(fs.readFileSync(source, 'utf8'));
  spec.paths = Object.fromEntries(OPERATIONS.map((p) => [p, spec.paths[p]]));
  const fix = (v) => {
    if (Array.isArray(v)) return v.forEach(fix);
    if (v === null || typeof v !== 'object') return;
    if (typeof v.$ref === 'string' && !v.$ref.startsWith('#')) {
      v['x-example-ref'] = v.$ref;
      delete v.$ref;
    }
    Object.values(v).forEach(fix);
  };
  fix(spec);
  // Only the components the kept operations reach (a smaller document loads several times faster).
  const keep = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    if (typeof v.$ref === 'string' && v.$ref.startsWith('#/components/') && !keep.has(v.$ref)) {
      keep.add(v.$ref);
      const [, , kind, name] = v.$ref.split('/');
      walk(spec.components[kind][name]);
    }
    Object.values(v).forEach(walk);
  };
  walk(spec.paths);
  for (const [kind, entries] of Object.entries(spec.components)) {
    spec.components[kind] = Object.fromEntries(Object.entries(entries).filter(([name]) => keep.has(`#/components/${kind}/${name}`)));
  }
  fs.writeFileSync(`${target}.tmp${process.pid}`, JSON.stringify(spec));
  fs.renameSync(`${target}.tmp${process.pid}`, target);
  return target;
}

