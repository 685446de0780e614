// Validates real HTTP answers against the OpenAPI document that served them.
//
//   node validate_responses.mjs <openapi.json> <samples.json>
//
// samples.json: [{method, path (the document's path template), status, contentType, body}].
// Each answer must be documented for its operation and status; a JSON body must match the
// documented schema under Ajv (JSON Schema 2020-12) made STRICT: every object schema that lists
// properties and says nothing of others gets additionalProperties: false, so a property the
// document does not name fails as much as a missing or mistyped one. An error envelope's code
// must be the one documented for its status. Prints one line per failure and a summary; exit 1 on
// any failure, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

if (process.argv.length !== 4) {
  console.error('usage: node validate_responses.mjs <openapi.json> <samples.json>');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const samples = JSON.parse(readFileSync(process.argv[3], 'utf8'));

function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)])) : strict(v);
  }
  if (out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

// Named schemas become $defs of each compiled schema.
const rewrite = (s) => JSON.parse(JSON.stringify(s).replaceAll('"#/components/schemas/', '"#/$defs/'));
const defs = rewrite(strict(doc.components?.schemas ?? {}));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map();

function resolveResponse(r) {
  if (r?.$ref?.startsWith('#/components/responses/')) return doc.components.responses[r.$ref.split('/').pop()];
  return r;
}

const failures = [];
const operations = new Set();
for (const s of samples) {
  const where = `${s.method} ${s.path} → ${s.status}`;
  const op = doc.paths?.[s.path]?.[s.method.toLowerCase()];
  if (!op) { failures.push(`${where}: no such operation in the document`); continue; }
  operations.add(`${s.method} ${s.path}`);
  const declared = op.responses?.[String(s.status)];
  const response = resolveResponse(declared);
  if (!response) { failures.push(`${where}: status not documented (${Object.keys(op.responses).join(', ')})`); continue; }
  const media = (s.contentType ?? '').split(';')[0].trim();
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    if (s.status < 300 || s.status >= 400) failures.push(`${where}: documented without a body`);
    continue;
  }
  const documented = content[media] ?? content['*/*'];
  if (!documented) { failures.push(`${where}: media type ${media} not documented (${Object.keys(content).join(', ')})`); continue; }
  if (!media.endsWith('json')) continue;
  let body;
  try { body = JSON.parse(s.body); } catch { failures.push(`${where}: body is not JSON`); continue; }
  const key = `${s.method} ${s.path} ${s.status} ${media}`;
  if (!compiled.has(key)) compiled.set(key, ajv.compile({ ...rewrite(strict(documented.schema ?? {})), $defs: defs }));
  const validate = compiled.get(key);
  if (!validate(body)) {
    const errors = validate.errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
    failures.push(`${where}: ${errors.join('; ')}`);
    continue;
  }
  if (declared?.$ref && body?.ok === false) {  // an error envelope: its code is the status's
    const code = (response.description ?? '').split(':')[0];
    if (code && code !== body.error.code) failures.push(`${where}: error code ${body.error.code}, documented ${code}`);
  }
}
for (const f of failures) console.log(`FAIL ${f}`);
const missed = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
  .filter((o) => !operations.has(o));
console.log(`not exercised: ${missed.join(', ') || 'none'}`);
console.log(`validated ${samples.length} answers of ${operations.size} operations: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
