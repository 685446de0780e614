// Writes the test copies of Atlassian's official OpenAPI descriptions that the Prism proxies in
// front of the fake (server.mjs) validate against. See README.md § atlassian for why.
//
//   node atlassian/prepare-specs.mjs OUTDIR [CONTRACTS_DIR]
//
// CONTRACTS_DIR defaults to $ATL_CONTRACTS_DIR, else `<repo>/../shared/contracts` (the shared
// folder beside the project root). Writes OUTDIR/jira.json and OUTDIR/confluence.json and prints
// their paths. The files are written to a temporary name and renamed, so concurrent runs never
// see half a file.
//
// What changes against the official files (nothing else does):
//   Jira (jira/swagger-v3.v3.json, paths already carry /rest/api/3):
//     - every path is also present as /ex/jira/{cloudId}<path> (the api.atlassian.com gateway form
//       used with OAuth 2.0), with a `cloudId` path parameter added;
//   Confluence (confluence/openapi-v2.v3.json, paths are relative to the server /wiki/api/v2):
//     - every path is present as /wiki/api/v2<path> and as /ex/confluence/{cloudId}/wiki/api/v2<path>
//       (Prism ignores the base path of `servers`);
//     - two request-body schemas with `oneOf` between object schemas that have no required
//       properties (so every real body matches both branches and `oneOf` always fails) use `anyOf`
//       instead: see PATCHES below;
//   both: in the /ex/... copies the 401 answer is the gateway's {"code":401,"message":"Unauthorized"}
//     (the gateway, not the product, rejects bad OAuth tokens there).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');

export function contractsDir(explicit) {
  return explicit || process.env.ATL_CONTRACTS_DIR || path.resolve(repoRoot, '../shared/contracts');
}

export function sourceSpecs(dir) {
  return {
    jira: path.join(dir, 'jira/swagger-v3.v3.json'),
    confluence: path.join(dir, 'confluence/openapi-v2.v3.json'),
  };
}

const cloudIdParam = {
  name: 'cloudId',
  in: 'path',
  required: true,
  description: 'The cloud id of the site (api.atlassian.com gateway; added for the UCF test copy).',
  schema: { type: 'string' },
};

// The api.atlassian.com gateway answers bad or expired OAuth tokens itself.
const gateway401 = {
  description: 'Returned by the api.atlassian.com gateway when the token is missing, invalid or expired (added for the UCF test copy).',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { code: { type: 'integer' }, message: { type: 'string' } },
        required: ['code', 'message'],
      },
    },
  },
};

function gatewayCopy(item) {
  const copy = structuredClone(item);
  copy.parameters = [...(copy.parameters || []), cloudIdParam];
  for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']) {
    if (copy[method]?.responses) copy[method].responses['401'] = gateway401;
  }
  return copy;
}

// Schema patches, each with the reason (also listed in README.md).
export const PATCHES = [
  {
    spec: 'confluence',
    where: 'components.requestBodies.PageCreateRequest … properties.body',
    why: 'oneOf [PageBodyWrite, PageNestedBodyWrite]: both are objects with only optional properties and '
      + 'additionalProperties allowed, so a real body such as {"representation":"storage","value":"<p>x</p>"} '
      + 'matches both and oneOf rejects it. anyOf keeps the intent.',
    apply(spec) {
      const body = spec.components.requestBodies.PageCreateRequest.content['application/json'].schema.properties.body;
      if (!body.oneOf) throw new Error('PageCreateRequest body has no oneOf any more: review the patch');
      body.anyOf = body.oneOf;
      delete body.oneOf;
    },
  },
  {
    spec: 'confluence',
    where: 'components.schemas.CreateFooterCommentModel.properties.body',
    why: 'oneOf [CommentBodyWrite, CommentNestedBodyWrite]: same defect as above; anyOf instead.',
    apply(spec) {
      const body = spec.components.schemas.CreateFooterCommentModel.properties.body;
      if (!body.oneOf) throw new Error('CreateFooterCommentModel body has no oneOf any more: review the patch');
      body.anyOf = body.oneOf;
      delete body.oneOf;
    },
  },
];

export function prepareJira(spec) {
  const paths = {};
  for (const [p, item] of Object.entries(spec.paths)) paths[p] = item;
  for (const [p, item] of Object.entries(spec.paths)) paths[`/ex/jira/{cloudId}${p}`] = gatewayCopy(item);
  spec.paths = paths;
  for (const patch of PATCHES.filter((x) => x.spec === 'jira')) patch.apply(spec);
  return spec;
}

export function prepareConfluence(spec) {
  for (const patch of PATCHES.filter((x) => x.spec === 'confluence')) patch.apply(spec);
  const paths = {};
  for (const [p, item] of Object.entries(spec.paths)) paths[`/wiki/api/v2${p}`] = item;
  for (const [p, item] of Object.entries(spec.paths)) {
    paths[`/ex/confluence/{cloudId}/wiki/api/v2${p}`] = gatewayCopy(item);
  }
  spec.paths = paths;
  return spec;
}

function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

// Writes both copies into `outDir` unless a stamp there says they were made from the same source
// files (size + mtime) by the same version of this script. Returns {jira, confluence, cached}.
export function prepareSpecs(outDir, contracts = contractsDir()) {
  const src = sourceSpecs(contracts);
  fs.mkdirSync(outDir, { recursive: true });
  const out = { jira: path.join(outDir, 'jira.json'), confluence: path.join(outDir, 'confluence.json') };
  const stampOf = (f) => {
    const st = fs.statSync(f);
    return `${f}:${st.size}:${st.mtimeMs}`;
  };
  const stamp = [src.jira, src.confluence, fileURLToPath(import.meta.url)].map(stampOf).join('\n');
  const stampFile = path.join(outDir, 'stamp.txt');
  const fresh = fs.existsSync(out.jira) && fs.existsSync(out.confluence) && fs.existsSync(stampFile)
    && fs.readFileSync(stampFile, 'utf8') === stamp;
  if (fresh) return { ...out, cached: true };
  const jira = prepareJira(JSON.parse(fs.readFileSync(src.jira, 'utf8')));
  writeAtomically(out.jira, JSON.stringify(jira));
  const confluence = prepareConfluence(JSON.parse(fs.readFileSync(src.confluence, 'utf8')));
  writeAtomically(out.confluence, JSON.stringify(confluence));
  writeAtomically(stampFile, stamp);
  return { ...out, cached: false };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node prepare-specs.mjs OUTDIR [CONTRACTS_DIR]');
    process.exit(2);
  }
  const result = prepareSpecs(path.resolve(outDir), contractsDir(process.argv[3]));
  process.stdout.write(`${result.jira}\n${result.confluence}\n`);
}
