// A stateful fake Salesforce org for UCF's Salesforce connector, in plain Node 20 (no
// dependencies). There is no official OpenAPI description of the core REST API (see
// ../shared/contracts/NOTES.md §5), so the shapes follow the official Postman collection in
// ../shared/contracts/salesforce (URL templates: /services/data/vXX.X/sobjects/,
// …/sobjects/:SOBJECT/describe, …/query/?q=, …/sobjects/:SOBJECT/:ID) and the REST API and
// Chatter REST Developer Guides (bodies, error bodies [{"message","errorCode"}], headers).
//
//   node salesforce/server.mjs [port]     prints  READY {"fake":"http://127.0.0.1:P"}
//
// Every route lives under /<myDomain>/ (SF_DOMAIN, default "acme"): a URL template
// "http://127.0.0.1:P/{myDomain}/…" stands for "https://{myDomain}.my.salesforce.com/…".
//   GET  /<d>/services/oauth2/authorize   web server flow: 302 to redirect_uri?code&state at once
//                                         (no login page); S256 code_challenge required
//   POST /<d>/services/oauth2/token       form; client_id/client_secret in the body (SF_CLIENT_ID,
//                                         SF_CLIENT_SECRET); authorization_code checks the PKCE
//                                         code_verifier; refresh_token issues a new access token.
//                                         Answers {access_token, refresh_token?, instance_url, id,
//                                         token_type, issued_at, signature, scope} and NO
//                                         expires_in. instance_url is <fake>/na1-instance (SF_INSTANCE_URL):
//                                         a different base, so a client that uses it is caught
//   POST /<d>/services/oauth2/revoke      200
//   GET  /<d>/services/oauth2/userinfo    {user_id, organization_id, name, email, preferred_username}
//   /<d>/services/data/vNN.0/…            (v55.0 and later; others 404 NOT_FOUND)
//     GET sobjects                        describeGlobal
//     GET sobjects/<o>/describe           {name, label, feedEnabled, fields[{name,type,nameField,createable}]}
//     GET query?q=                        only "SELECT FIELDS(STANDARD) FROM <o> ORDER BY
//                                         SystemModstamp DESC, Id DESC" or "… FROM <o> WHERE
//                                         SystemModstamp >= <YYYY-MM-DDThh:mm:ssZ> ORDER BY
//                                         SystemModstamp ASC, Id ASC" (else 400 MALFORMED_QUERY);
//                                         Sforce-Query-Options batchSize=N (200..2000, default 2000);
//                                         done/nextRecordsUrl ".../query/<locator>-<offset>"
//     GET query/<locator>-<offset>        the next batch
//     GET search?q=                       "FIND {<term>} IN ALL FIELDS RETURNING <o>(<fields>) LIMIT n";
//                                         the term is read with SOSL's backslash escapes; an
//                                         unescaped reserved character in it is 400 MALFORMED_SEARCH
//     GET|POST sobjects/<o>[/<id>]        a record; create answers 201 {id, success, errors}
//                                         (400 REQUIRED_FIELD_MISSING without the name field)
//     GET chatter/feeds/record/<id>/feed-elements   {elements, nextPageUrl} (pageSize, page);
//                                         404 for objects without a feed
//     POST chatter/feed-elements          a FeedItem {body:{messageSegments}, subjectId}
//   Every data answer carries Sforce-Limit-Info: api-usage=<n>/15000. A bad or expired bearer
//   token: 401 [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}].
// Test controls (no auth): GET /__test/stats {token_requests, code_grants, refresh_grants,
// pkce_failures, api_requests, by_path, instance_hits}; POST /__test/expire-tokens (every access
// token becomes invalid, refresh tokens stay); POST /__test/faults {path_prefix, status, body,
// count}; POST /__test/reset.

import crypto from 'node:crypto';
import http from 'node:http';
import { endWith, serverStopper } from '../lib/lifecycle.mjs';

const env = process.env;
const DOMAIN = env.SF_DOMAIN || 'acme';
const CLIENT_ID = env.SF_CLIENT_ID || 'sf-client-id';
const CLIENT_SECRET = env.SF_CLIENT_SECRET || 'sf-client-secret';
let baseUrl = '';

const OBJECTS = [
  { name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', custom: false, queryable: true,
    createable: true, searchable: true, feedEnabled: true, nameField: 'Name', nameCreateable: true, extra: ['Industry', 'Description'] },
  { name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', custom: false, queryable: true,
    createable: true, searchable: true, feedEnabled: true, nameField: 'Name', nameCreateable: false, extra: ['LastName', 'Description'] },
  { name: 'Case', label: 'Case', labelPlural: 'Cases', keyPrefix: '500', custom: false, queryable: true,
    createable: true, searchable: true, feedEnabled: true, nameField: 'CaseNumber', nameCreateable: false, extra: ['Subject', 'Status', 'Description'] },
  { name: 'Task', label: 'Task', labelPlural: 'Tasks', keyPrefix: '00T', custom: false, queryable: true,
    createable: true, searchable: true, feedEnabled: false, nameField: 'Subject', nameCreateable: true, extra: ['Status'] },
  { name: 'ApexLog', label: 'Apex Debug Log', labelPlural: 'Apex Debug Logs', keyPrefix: '07L', custom: false,
    queryable: false, createable: false, searchable: false, feedEnabled: false, nameField: 'Id', nameCreateable: false, extra: [] },
];

let state;
const sfTime = (ms) => new Date(ms).toISOString().replace('Z', '+0000');
const recordId = (prefix, n) => `${prefix}${String(n).padStart(12, '0')}AAA`;

function seed() {
  const t0 = Date.UTC(2026, 0, 1, 9, 0, 0);
  const records = [];
  let n = 0;
  const add = (object, fields) => {
    n += 1;
    const o = OBJECTS.find((x) => x.name === object);
    const id = recordId(o.keyPrefix, n);
    records.push({ Id: id, attributes: { type: object }, CreatedDate: sfTime(t0 + n * 1000), SystemModstamp: sfTime(t0 + n * 1000 + 500),
      CreatedById: '005000000000001AAA', OwnerId: '005000000000001AAA', ...fields });
    return id;
  };
  const firstAccount = add('Account', { Name: 'Zoë Ångström — 日本 Ltd', Industry: 'Energy', Description: 'The first account' });
  for (let i = 2; i <= 230; i += 1) add('Account', { Name: `Account ${i}`, Industry: i % 2 ? 'Retail' : 'Energy', Description: null });
  add('Contact', { Name: 'Ana Ruiz', LastName: 'Ruiz', Description: null });
  add('Contact', { Name: "Bob O'Brien", LastName: "O'Brien", Description: null });
  add('Contact', { Name: '陈伟', LastName: '陈', Description: null });
  add('Case', { CaseNumber: '00001001', Subject: 'Cannot log in', Status: 'New', Description: 'Login fails' });
  add('Case', { CaseNumber: '00001002', Subject: 'Invoice {braces} & "quotes"', Status: 'Closed', Description: null });
  add('Task', { Subject: 'Call back', Status: 'Not Started' });
  add('Task', { Subject: 'Send offer', Status: 'Completed' });
  const feed = [];
  for (let i = 1; i <= 3; i += 1) {
    feed.push({ id: `0D5${String(i).padStart(12, '0')}AAA`, subjectId: firstAccount, text: `Post ${i}${i === 2 ? ' — ünïcode' : ''}`,
      actor: i % 2 ? 'Zoë Admin' : 'Ana Ruiz', createdDate: new Date(t0 + i * 60000).toISOString() });
  }
  state = { records, feed, nextRecord: n + 1, nextFeed: 100, codes: new Map(), access: new Map(), refresh: new Map(),
    locators: new Map(), faults: [], usage: 0,
    stats: { token_requests: 0, code_grants: 0, refresh_grants: 0, pkce_failures: 0, api_requests: 0, by_path: {}, instance_hits: 0 } };
}
seed();

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(data ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...headers });
  res.end(data);
}
const sfError = (res, status, errorCode, message, extra = {}) => send(res, status, [{ message, errorCode, ...extra }]);

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
  });
}

const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const token = (prefix) => `${prefix}!${b64url(crypto.randomBytes(24))}`;

function issue(res, grant) {
  const access = token('00Dxx0000001gER');
  state.access.set(access, grant.user);
  const body = { access_token: access, signature: b64url(crypto.randomBytes(32)), scope: grant.scope,
    instance_url: env.SF_INSTANCE_URL || `${baseUrl}/na1-instance`, id: `${baseUrl}/id/00Dxx0000001gER/005000000000001AAA`,
    token_type: 'Bearer', issued_at: String(Date.now()) };
  if (grant.withRefresh) {
    const refresh = token('5Aep861');
    state.refresh.set(refresh, grant);
    body.refresh_token = refresh;
  }
  send(res, 200, body, { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' });
}

async function oauth(req, res, url, rest) {
  if (rest === 'authorize' && req.method === 'GET') {
    const q = url.searchParams;
    const redirect = q.get('redirect_uri');
    if (q.get('client_id') !== CLIENT_ID || !redirect) return send(res, 400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      return send(res, 400, { error: 'invalid_request', error_description: 'missing required code challenge' });
    }
    const code = b64url(crypto.randomBytes(24));
    state.codes.set(code, { challenge: q.get('code_challenge'), redirect, scope: q.get('scope') || 'api',
      withRefresh: (q.get('scope') || '').split(' ').includes('refresh_token'), user: 'zoe' });
    const to = new URL(redirect);
    to.searchParams.set('code', code);
    if (q.get('state')) to.searchParams.set('state', q.get('state'));
    res.writeHead(302, { Location: to.toString() });
    return res.end();
  }
  if (rest === 'token' && req.method === 'POST') {
    state.stats.token_requests += 1;
    const form = new URLSearchParams(await readBody(req));
    if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
      return send(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
    }
    if (form.get('grant_type') === 'authorization_code') {
      const grant = state.codes.get(form.get('code') || '');
      state.codes.delete(form.get('code') || '');
      if (!grant || grant.redirect !== form.get('redirect_uri')) {
        return send(res, 400, { error: 'invalid_grant', error_description: 'invalid authorization code' });
      }
      const verifier = form.get('code_verifier') || '';
      if (b64url(crypto.createHash('sha256').update(verifier).digest()) !== grant.challenge) {
        state.stats.pkce_failures += 1;
        return send(res, 400, { error: 'invalid_grant', error_description: 'invalid code verifier' });
      }
      state.stats.code_grants += 1;
      return issue(res, grant);
    }
    if (form.get('grant_type') === 'refresh_token') {
      const grant = state.refresh.get(form.get('refresh_token') || '');
      if (!grant) return send(res, 400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
      state.stats.refresh_grants += 1;
      return issue(res, { ...grant, withRefresh: false });
    }
    return send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  }
  if (rest === 'revoke' && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    state.access.delete(form.get('token') || '');
    state.refresh.delete(form.get('token') || '');
    return send(res, 200);
  }
  if (rest === 'userinfo' && req.method === 'GET') {
    if (!authorized(req)) return sfError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    return send(res, 200, { sub: `${baseUrl}/id/00Dxx0000001gER/005000000000001AAA`, user_id: '005000000000001AAA',
      organization_id: '00Dxx0000001gER', preferred_username: 'zoe@acme.example', name: 'Zoë Admin',
      email: 'zoe@acme.example', email_verified: true, active: true, user_type: 'STANDARD', language: 'en_US',
      locale: 'en_US', utcOffset: 0 }, limitHeader());
  }
  return send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
}

function authorized(req) {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization || '');
  return m && state.access.has(m[1]);
}
function limitHeader() {
  state.usage += 1;
  return { 'Sforce-Limit-Info': `api-usage=${state.usage}/15000` };
}

function describe(o) {
  const fields = [{ name: 'Id', type: 'id', nameField: o.nameField === 'Id', createable: false }];
  if (o.nameField !== 'Id') fields.push({ name: o.nameField, type: 'string', nameField: true, createable: o.nameCreateable });
  for (const f of o.extra) fields.push({ name: f, type: f === 'Description' ? 'textarea' : 'string', nameField: false, createable: true });
  for (const f of ['CreatedDate', 'SystemModstamp', 'CreatedById', 'OwnerId']) fields.push({ name: f, type: 'datetime', nameField: false, createable: false });
  return { name: o.name, label: o.label, labelPlural: o.labelPlural, keyPrefix: o.keyPrefix, custom: o.custom,
    queryable: o.queryable, createable: o.createable, searchable: o.searchable, feedEnabled: o.feedEnabled, fields,
    urls: { sobject: `/services/data/v62.0/sobjects/${o.name}`, describe: `/services/data/v62.0/sobjects/${o.name}/describe` } };
}

function recordOut(r, version) {
  return { ...r, attributes: { type: r.attributes.type, url: `/services/data/${version}/sobjects/${r.attributes.type}/${r.Id}` } };
}

function queryPage(res, version, locator, offset, headers) {
  const entry = state.locators.get(locator);
  if (!entry) return sfError(res, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  const batch = entry.ids.slice(offset, offset + entry.batch).map((id) => recordOut(state.records.find((r) => r.Id === id), version));
  const done = offset + entry.batch >= entry.ids.length;
  const body = { totalSize: entry.ids.length, done, records: batch };
  if (!done) body.nextRecordsUrl = `/services/data/${version}/query/${locator}-${offset + entry.batch}`;
  return send(res, 200, body, headers);
}

// The SOSL term: SOSL's backslash escapes resolved; an unescaped reserved character is refused.
function soslTerm(text) {
  const m = /^FIND \{/.exec(text);
  if (!m) return null;
  let term = '';
  let i = m[0].length;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 >= text.length) return null;
      term += text[i + 1];
      i += 1;
    } else if (c === '}') {
      break;
    } else if ('?&|!{[]()^~:"\'+-'.includes(c)) {
      return null;
    } else {
      term += c;
    }
  }
  if (i >= text.length) return null;
  const tail = /^\} IN ALL FIELDS RETURNING (\w+)\(([\w, ]+)\) LIMIT (\d+)$/.exec(text.slice(i));
  if (!tail) return null;
  return { term, object: tail[1], fields: tail[2].split(',').map((s) => s.trim()), limit: Number(tail[3]) };
}

async function data(req, res, url, version, rest) {
  const headers = limitHeader();
  const m = req.method;
  let match;
  if (m === 'GET' && rest === 'sobjects') {
    return send(res, 200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects: OBJECTS.map((o) => { const d = describe(o); delete d.fields; return d; }) }, headers);
  }
  if ((match = /^sobjects\/(\w+)\/describe$/.exec(rest)) && m === 'GET') {
    const o = OBJECTS.find((x) => x.name === match[1]);
    return o ? send(res, 200, describe(o), headers) : sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
  }
  if (rest === 'query' && m === 'GET') {
    const q = url.searchParams.get('q') || '';
    const soql = /^SELECT FIELDS\(STANDARD\) FROM (\w+) ORDER BY SystemModstamp DESC, Id DESC$/.exec(q)
      || /^SELECT FIELDS\(STANDARD\) FROM (\w+) WHERE SystemModstamp >= (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) ORDER BY SystemModstamp ASC, Id ASC$/.exec(q);
    const o = soql && OBJECTS.find((x) => x.name === soql[1] && x.queryable);
    if (!o) return sfError(res, 400, 'MALFORMED_QUERY', `unexpected token in: ${q.slice(0, 80)}`);
    const opts = /batchSize=(\d+)/.exec(req.headers['sforce-query-options'] || '');
    const batch = Math.min(2000, Math.max(200, opts ? Number(opts[1]) : 2000));
    const ms = (t) => Date.parse(t.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    const since = soql[2] ? Date.parse(soql[2]) : null;
    const sign = since === null ? 1 : -1;  // DESC for browsing, ASC for a changed-since listing
    const ids = state.records.filter((r) => r.attributes.type === o.name && (since === null || ms(r.SystemModstamp) >= since))
      .sort((a, b) => sign * (b.SystemModstamp.localeCompare(a.SystemModstamp) || b.Id.localeCompare(a.Id))).map((r) => r.Id);
    const locator = `01gxx${b64url(crypto.randomBytes(9)).replace(/[-_]/g, 'x')}`;
    state.locators.set(locator, { ids, batch });
    return queryPage(res, version, locator, 0, headers);
  }
  if ((match = /^query\/([A-Za-z0-9]+)-(\d+)$/.exec(rest)) && m === 'GET') {
    return queryPage(res, version, match[1], Number(match[2]), headers);
  }
  if (rest === 'search' && m === 'GET') {
    const s = soslTerm(url.searchParams.get('q') || '');
    const o = s && OBJECTS.find((x) => x.name === s.object && x.searchable);
    if (!s || !o) return sfError(res, 400, 'MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
    const needle = s.term.trim().toLowerCase();
    const hits = state.records.filter((r) => r.attributes.type === o.name &&
      Object.values(r).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle))).slice(0, s.limit);
    const out = hits.map((r) => {
      const picked = { attributes: { type: o.name, url: `/services/data/${version}/sobjects/${o.name}/${r.Id}` } };
      for (const f of s.fields) picked[f] = r[f] ?? null;
      return picked;
    });
    return send(res, 200, { searchRecords: out }, headers);
  }
  if ((match = /^sobjects\/(\w+)\/(\w+)$/.exec(rest)) && m === 'GET') {
    const r = state.records.find((x) => x.Id === match[2] && x.attributes.type === match[1]);
    return r ? send(res, 200, recordOut(r, version), headers) : sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
  }
  if ((match = /^sobjects\/(\w+)$/.exec(rest)) && m === 'POST') {
    const o = OBJECTS.find((x) => x.name === match[1] && x.createable);
    if (!o) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
    let body;
    try { body = JSON.parse(await readBody(req)); } catch { return sfError(res, 400, 'JSON_PARSER_ERROR', 'Unexpected character'); }
    const allowed = new Set([...(o.nameCreateable ? [o.nameField] : []), ...o.extra]);
    for (const k of Object.keys(body)) {
      if (!allowed.has(k)) return sfError(res, 400, 'INVALID_FIELD', `No such column '${k}' on sobject of type ${o.name}`, { fields: [k] });
    }
    const required = o.nameCreateable ? o.nameField : (o.name === 'Case' ? 'Subject' : 'LastName');
    if (!body[required]) return sfError(res, 400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${required}]`, { fields: [required] });
    const id = recordId(o.keyPrefix, state.nextRecord++);
    const now = sfTime(Date.now());
    const r = { Id: id, attributes: { type: o.name }, CreatedDate: now, SystemModstamp: now, CreatedById: '005000000000001AAA',
      OwnerId: '005000000000001AAA', ...body };
    if (o.name === 'Case') r.CaseNumber = String(1000 + state.nextRecord);
    state.records.push(r);
    return send(res, 201, { id, success: true, errors: [] }, headers);
  }
  if ((match = /^chatter\/feeds\/record\/(\w+)\/feed-elements$/.exec(rest)) && m === 'GET') {
    const r = state.records.find((x) => x.Id === match[1]);
    const o = r && OBJECTS.find((x) => x.name === r.attributes.type);
    if (!o || !o.feedEnabled) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
    const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize') || 25)));
    const page = Math.max(0, Number(url.searchParams.get('page') || 0));
    const all = state.feed.filter((f) => f.subjectId === r.Id).sort((a, b) => b.createdDate.localeCompare(a.createdDate));
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    const more = (page + 1) * pageSize < all.length;
    return send(res, 200, { currentPageToken: String(page), currentPageUrl: `/services/data/${version}/${rest}?page=${page}&pageSize=${pageSize}`,
      elements: slice.map(feedOut), isModifiedToken: null, nextPageToken: more ? String(page + 1) : null,
      nextPageUrl: more ? `/services/data/${version}/${rest}?page=${page + 1}&pageSize=${pageSize}` : null, updatesToken: null, updatesUrl: null }, headers);
  }
  if (rest === 'chatter/feed-elements' && m === 'POST') {
    let body;
    try { body = JSON.parse(await readBody(req)); } catch { return sfError(res, 400, 'JSON_PARSER_ERROR', 'Unexpected character'); }
    const r = state.records.find((x) => x.Id === body.subjectId);
    const o = r && OBJECTS.find((x) => x.name === r.attributes.type);
    const text = (body.body?.messageSegments || []).map((s) => s.text || '').join('');
    if (!o || !o.feedEnabled || body.feedElementType !== 'FeedItem' || !text) {
      return sfError(res, 400, 'INVALID_INPUT', 'Invalid feed element');
    }
    const f = { id: `0D5${String(state.nextFeed++).padStart(12, '0')}AAA`, subjectId: r.Id, text, actor: 'Zoë Admin', createdDate: new Date().toISOString() };
    state.feed.push(f);
    return send(res, 201, feedOut(f), headers);
  }
  return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
}

function feedOut(f) {
  return { id: f.id, feedElementType: 'FeedItem', type: 'TextPost', actor: { displayName: f.actor, name: f.actor, type: 'User' },
    body: { text: f.text, messageSegments: [{ type: 'Text', text: f.text }] }, createdDate: f.createdDate, modifiedDate: f.createdDate,
    parent: { id: f.subjectId } };
}

async function control(req, res, url) {
  const p = url.pathname;
  if (p === '/__test/reset') { seed(); return send(res, 200, { ok: true }); }
  if (p === '/__test/stats') return send(res, 200, state.stats);
  if (p === '/__test/expire-tokens') { const n = state.access.size; state.access.clear(); return send(res, 200, { expired: n }); }
  if (p === '/__test/faults' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)) || '{}');
    for (const f of Array.isArray(body) ? body : [body]) state.faults.push({ count: 1, ...f });
    return send(res, 200, state.faults);
  }
  return send(res, 404, { error: 'unknown test route' });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://fake');
    if (url.pathname.startsWith('/__test/')) return await control(req, res, url);
    if (url.pathname.startsWith('/na1-instance/')) {
      state.stats.instance_hits += 1;
      return sfError(res, 404, 'NOT_FOUND', 'wrong API base: the instance_url was used');
    }
    const prefix = `/${DOMAIN}/services/`;
    if (!url.pathname.startsWith(prefix)) return send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'Unknown My Domain' }]);
    const rest = url.pathname.slice(prefix.length);
    state.stats.by_path[url.pathname] = (state.stats.by_path[url.pathname] || 0) + 1;
    const fault = state.faults.find((f) => rest.startsWith(f.path_prefix) && f.count > 0);
    if (fault) {
      fault.count -= 1;
      if (fault.count <= 0) state.faults = state.faults.filter((f) => f !== fault);
      return send(res, fault.status, fault.body, fault.headers || {});
    }
    if (rest.startsWith('oauth2/')) return await oauth(req, res, url, rest.slice(7));
    const dm = /^data\/(v\d+\.\d)\/(.*)$/.exec(rest);
    if (!dm) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
    state.stats.api_requests += 1;
    if (!authorized(req)) return sfError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (Number(dm[1].slice(1)) < 55) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
    return await data(req, res, url, dm[1], dm[2]);
  } catch (e) {
    process.stderr.write(`fake salesforce error: ${e.stack}\n`);
    if (!res.headersSent) sfError(res, 500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.');
  }
});

server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`READY ${JSON.stringify({ fake: baseUrl })}\n`);
});
endWith(serverStopper(server), { exitWithParent: env.SF_EXIT_WITH_PARENT === '1', exitOnStdinClose: false });
