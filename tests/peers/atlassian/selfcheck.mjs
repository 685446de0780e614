// Self-check of the Atlassian test peer: starts start.mjs (fake + two validating Prism proxies),
// drives every implemented operation through Prism in both URL forms (site + Basic auth, OAuth
// gateway /ex/{product}/{cloudId} + Bearer), and asserts that
//   - every answer of the fake passes Prism's validation against the official spec (no 500
//     VIOLATIONS, no `sl-violations` header even for warnings),
//   - Prism rejects requests that violate the spec (422) without reaching the fake,
//   - Prism turns an answer that violates the spec into an error (500),
//   - paging, auth, JQL, faults and the OAuth post-connect endpoint behave as documented,
//   - dynamic webhooks registered through Prism are delivered to a local receiver with a valid
//     HS256 JWT and X-Hub-Signature, retried on errors and listed by /__test/deliveries.
//
//   node atlassian/selfcheck.mjs            (from tests/peers, after `npm ci`)
// With ATL_SELFCHECK_URLS='{"fake":…,"jira":…,"confluence":…}' it uses an already running stack
// (started with ATL_BEARER_TOKENS=selfcheck-bearer and the ATL_WEBHOOK_JWT_SECRET /
// ATL_WEBHOOK_HMAC_SECRET the selfcheck uses: its own environment's, else the defaults below).
// Ends with "N passed, N failed"; exit 1 on any failure.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BEARER = 'selfcheck-bearer';
const WEBHOOK_JWT_SECRET = process.env.ATL_WEBHOOK_JWT_SECRET || 'selfcheck-oauth-client-secret';
const WEBHOOK_JWT_ISSUER = process.env.ATL_WEBHOOK_JWT_ISSUER || 'ucf-fake-jira';
const WEBHOOK_HMAC_SECRET = process.env.ATL_WEBHOOK_HMAC_SECRET || 'selfcheck-admin-webhook-secret';
const ALICE = '5b10a2844c20165700ede21g';
const BASIC = `Basic ${Buffer.from('alice@example.com:alice-api-token').toString('base64')}`;
const CLOUD = '11111111-2222-4333-8444-555555555555';

let passed = 0;
let failed = 0;

function check(name, condition, detail = '') {
  if (condition) {
    passed += 1;
    process.stdout.write(`ok   ${name}\n`);
  } else {
    failed += 1;
    process.stdout.write(`FAIL ${name}${detail ? `: ${detail}` : ''}\n`);
  }
}

async function call(method, url, { auth, body, headers = {} } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (auth) h.Authorization = auth;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

// A 2xx/expected answer that Prism passed without any violation.
function clean(name, r, status) {
  const violations = r.headers.get('sl-violations');
  check(name, r.status === status && !violations,
    `status ${r.status} (want ${status})${violations ? ` violations ${violations}` : ''} ${r.status !== status ? r.text.slice(0, 400) : ''}`);
}

async function startStack() {
  if (process.env.ATL_SELFCHECK_URLS) return { urls: JSON.parse(process.env.ATL_SELFCHECK_URLS), stop: () => {} };
  const child = spawn(process.execPath, [path.join(here, 'start.mjs')], {
    env: {
      ...process.env,
      ATL_BEARER_TOKENS: BEARER,
      ATL_EXIT_WITH_PARENT: '1',
      ATL_WEBHOOK_JWT_SECRET: WEBHOOK_JWT_SECRET,
      ATL_WEBHOOK_JWT_ISSUER: WEBHOOK_JWT_ISSUER,
      ATL_WEBHOOK_HMAC_SECRET: WEBHOOK_HMAC_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c) => {
      buffer += c;
      const m = /READY (\{.*\})\n/.exec(buffer);
      if (m) resolve(JSON.parse(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`start.mjs exited (${code}) before READY`)));
  });
  return { urls, stop: () => child.kill('SIGTERM') };
}

async function jiraChecks(urls, mode) {
  const gw = mode === 'gateway';
  const base = gw ? `${urls.jira}/ex/jira/${CLOUD}` : urls.jira;
  const auth = gw ? `Bearer ${BEARER}` : BASIC;
  const t = (s) => `jira ${mode}: ${s}`;

  // Projects: offset paging, following nextPage.
  let r = await call('GET', `${base}/rest/api/3/project/search?maxResults=3`, { auth });
  clean(t('project/search page 1'), r, 200);
  check(t('project/search page 1 shape'), r.json?.total === 7 && r.json?.isLast === false && r.json?.values?.length === 3
    && r.json?.startAt === 0 && typeof r.json?.nextPage === 'string' && r.json.nextPage.startsWith(base), JSON.stringify(r.json)?.slice(0, 300));
  const keys = r.json?.values?.map((p) => p.key) || [];
  let next = r.json?.nextPage;
  let pages = 1;
  while (next && pages < 5) {
    r = await call('GET', next, { auth });
    clean(t(`project/search page ${pages + 1}`), r, 200);
    keys.push(...(r.json?.values || []).map((p) => p.key));
    next = r.json?.nextPage;
    pages += 1;
  }
  check(t('project/search all 7 keys in order over 3 pages'), pages === 3 && keys.join(',') === 'DATA,ENG,HR,MKT,OPS,SEC,SUP' && r.json?.isLast === true, keys.join(','));
  r = await call('GET', `${base}/rest/api/3/project/search?expand=description,lead,insight,issueTypes,url,permissions&orderBy=-name&query=o`, { auth });
  clean(t('project/search expanded'), r, 200);

  // Issues: search/jql token paging, ORDER BY updated DESC.
  const fields = 'summary,status,assignee,reporter,creator,created,updated,description,issuetype,project,parent,priority,labels,subtasks,resolution,comment';
  let url = `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('project = "ENG" ORDER BY updated DESC')}&fields=${fields}&maxResults=50`;
  const seen = [];
  let updated = [];
  for (let i = 0; i < 5; i += 1) {
    r = await call('GET', url, { auth });
    clean(t(`search/jql GET page ${i + 1}`), r, 200);
    for (const issue of r.json?.issues || []) {
      seen.push(issue.key);
      updated.push(issue.fields?.updated);
    }
    if (r.json?.isLast !== false) break;
    url = `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('project = "ENG" ORDER BY updated DESC')}&fields=${fields}&maxResults=50&nextPageToken=${encodeURIComponent(r.json.nextPageToken)}`;
  }
  check(t('search/jql 120 unique ENG issues'), seen.length === 120 && new Set(seen).size === 120, `${seen.length}`);
  check(t('search/jql ordered by updated desc'), updated.every((u, i) => i === 0 || updated[i - 1] >= u));
  r = await call('POST', `${base}/rest/api/3/search/jql`, { auth, body: { jql: 'project = 10000 AND text ~ "needle is \\"hidden"', fields: ['*all'], maxResults: 10 } });
  clean(t('search/jql POST text ~ with escaped quote'), r, 200);
  check(t('search/jql POST finds ENG-42'), r.json?.issues?.length === 1 && r.json.issues[0].key === 'ENG-42' && r.json.isLast === true, JSON.stringify(r.json)?.slice(0, 200));
  r = await call('GET', `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('project = OPS')}`, { auth });
  clean(t('search/jql default fields'), r, 200);
  check(t('search/jql default fields are ids only'), r.json?.issues?.length === 6 && r.json.issues.every((i) => Object.keys(i).join() === 'id'), JSON.stringify(r.json));
  r = await call('GET', `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('project = MKT')}&fields=-description&fields=-comment`, { auth });
  clean(t('search/jql exclusion-only fields'), r, 200);
  check(t('search/jql exclusion-only fields = navigable minus those'), r.json?.issues?.length === 3
    && r.json.issues.every((i) => i.fields.summary && !('description' in i.fields) && !('comment' in i.fields)), r.text.slice(0, 300));
  r = await call('GET', `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('order by key desc')}`, { auth });
  check(t('search/jql unbounded is 400'), r.status === 400 && r.json?.errorMessages?.[0]?.includes('Unbounded'), r.text);
  r = await call('GET', `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('project = NOPE')}`, { auth });
  check(t('search/jql unknown project is 400'), r.status === 400 && /does not exist/.test(r.json?.errorMessages?.[0] || ''), r.text);
  r = await call('GET', `${base}/rest/api/3/search/jql?jql=${encodeURIComponent('project = ENG AND updated >= "2025-06-20 00:00" AND assignee IS EMPTY')}&fields=updated,assignee`, { auth });
  clean(t('search/jql date + IS EMPTY'), r, 200);
  check(t('search/jql date + IS EMPTY filters'), r.json?.issues?.length > 0 && r.json.issues.every((i) => i.fields.assignee === null && i.fields.updated >= '2025-06-20'), `${r.json?.issues?.length}`);

  // One issue, comments.
  r = await call('GET', `${base}/rest/api/3/issue/ENG-7`, { auth });
  clean(t('issue ENG-7'), r, 200);
  check(t('issue ENG-7 content'), r.json?.key === 'ENG-7' && r.json.fields?.summary?.startsWith('Résumé') && r.json.fields?.description?.type === 'doc' && r.json.fields?.comment?.total >= 0, r.text.slice(0, 300));
  r = await call('GET', `${base}/rest/api/3/issue/10051?fields=summary,parent&expand=names,renderedFields`, { auth });
  clean(t('issue by id with fields+expand'), r, 200);
  r = await call('GET', `${base}/rest/api/3/issue/NOPE-1`, { auth });
  check(t('issue unknown is 404'), r.status === 404 && r.json?.errorMessages?.length === 1, r.text);
  r = await call('GET', `${base}/rest/api/3/issue/ENG-1/comment?startAt=20&maxResults=10`, { auth });
  clean(t('comments page 3'), r, 200);
  check(t('comments paging'), r.json?.total === 30 && r.json.comments?.length === 10 && r.json.startAt === 20 && r.json.comments[0].body?.type === 'doc', r.text.slice(0, 200));
  const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `selfcheck ${mode} — ✓` }] }] };
  r = await call('POST', `${base}/rest/api/3/issue/ENG-2/comment`, { auth, body: { body: adf } });
  clean(t('add comment'), r, 201);
  r = await call('POST', `${base}/rest/api/3/issue/ENG-2/comment`, { auth, body: { body: 'plain text is not ADF' } });
  check(t('add comment with a string body is 400'), r.status === 400, `${r.status} ${r.text}`);
  r = await call('POST', `${base}/rest/api/3/issue`, { auth, body: { fields: { project: { key: 'OPS' }, summary: `Created by selfcheck (${mode})`, issuetype: { name: 'Task' }, description: adf } } });
  clean(t('create issue'), r, 201);
  check(t('create issue answer'), /^OPS-\d+$/.test(r.json?.key || '') && r.json?.self?.startsWith(base), r.text);
  r = await call('POST', `${base}/rest/api/3/issue`, { auth, body: { fields: { project: { key: 'OPS' } } } });
  check(t('create issue without summary is 400'), r.status === 400 && r.json?.errors?.summary, r.text);
  r = await call('GET', `${base}/rest/api/3/myself`, { auth });
  clean(t('myself'), r, 200);
  check(t('myself is alice'), r.json?.accountId === '5b10a2844c20165700ede21g', r.text.slice(0, 200));

  // Dynamic webhooks.
  r = await call('POST', `${base}/rest/api/3/webhook`, { auth, body: { url: 'https://ucf.example/hooks/jira', webhooks: [{ events: ['jira:issue_created', 'comment_created'], jqlFilter: 'project = ENG' }, { events: ['jira:issue_updated'], jqlFilter: 'project = ' }] } });
  clean(t('register webhooks'), r, 200);
  const id = r.json?.webhookRegistrationResult?.[0]?.createdWebhookId;
  check(t('register webhooks result'), Number.isInteger(id) && r.json.webhookRegistrationResult[1]?.errors?.length === 1, r.text);
  r = await call('GET', `${base}/rest/api/3/webhook`, { auth });
  clean(t('list webhooks'), r, 200);
  check(t('list webhooks has it'), r.json?.values?.some((w) => w.id === id && w.expirationDate > Date.now() + 29 * 86400000), r.text.slice(0, 300));
  r = await call('PUT', `${base}/rest/api/3/webhook/refresh`, { auth, body: { webhookIds: [id] } });
  clean(t('refresh webhooks'), r, 200);
  check(t('refresh webhooks expiration ~30 days'), Math.abs(r.json?.expirationDate - (Date.now() + 30 * 86400000)) < 60000, r.text);
  r = await call('DELETE', `${base}/rest/api/3/webhook`, { auth, body: { webhookIds: [id] } });
  clean(t('delete webhooks'), r, 202);

  // Auth failures pass through Prism unchanged.
  r = await call('GET', `${base}/rest/api/3/project/search`, { auth: gw ? 'Bearer wrong-token' : `Basic ${Buffer.from('alice@example.com:wrong').toString('base64')}` });
  check(t('bad credentials are 401'), r.status === 401 && (gw ? r.json?.code === 401 && r.json?.message === 'Unauthorized' : r.json?.errorMessages?.length === 1), `${r.status} ${r.text}`);
  r = await call('POST', `${base}/rest/api/3/issue`, { auth: gw ? 'Bearer wrong-token' : `Basic ${Buffer.from('nobody@example.com:x').toString('base64')}`, body: { fields: {} } });
  check(t('bad credentials on createIssue are 401 without violation'), r.status === 401 && !r.headers.get('sl-violations'), `${r.status} ${r.headers.get('sl-violations')} ${r.text}`);
}

async function confluenceChecks(urls, mode) {
  const gw = mode === 'gateway';
  const prefix = gw ? `${urls.confluence}/ex/confluence/${CLOUD}` : urls.confluence;
  const base = `${prefix}/wiki/api/v2`;
  const auth = gw ? `Bearer ${BEARER}` : BASIC;
  const t = (s) => `confluence ${mode}: ${s}`;
  // next links are site-relative (/wiki/api/v2/...): resolve them under our prefix.
  const follow = (next) => `${prefix}${next}`;

  let r = await call('GET', `${base}/spaces?limit=2`, { auth });
  clean(t('spaces page 1'), r, 200);
  const link = r.headers.get('link') || '';
  check(t('spaces Link header = _links.next'), r.json?._links?.next && link.includes(`<${r.json._links.next}>; rel="next"`) && /rel="base"/.test(link), link);
  const keys = (r.json?.results || []).map((s) => s.key);
  let n = 1;
  while (r.json?._links?.next && n < 5) {
    r = await call('GET', follow(r.json._links.next), { auth });
    clean(t(`spaces page ${n + 1}`), r, 200);
    keys.push(...(r.json?.results || []).map((s) => s.key));
    n += 1;
  }
  check(t('spaces all 5 over 3 pages, no next on the last'), n === 3 && keys.length === 5 && !r.json?._links?.next, keys.join(','));
  r = await call('GET', `${base}/spaces?keys=ENG&keys=OPS&description-format=plain&include-icon=true&sort=-name`, { auth });
  clean(t('spaces filtered with description and icon'), r, 200);
  check(t('spaces filtered'), r.json?.results?.length === 2 && r.json.results[0].description?.plain?.value, r.text.slice(0, 300));

  r = await call('GET', `${base}/spaces/131075?description-format=view`, { auth });
  clean(t('space by id'), r, 200);
  check(t('space by id content'), r.json?.key === 'KB' && r.json.type === 'knowledge_base' && r.json.homepageId, r.text.slice(0, 200));
  r = await call('GET', `${base}/spaces/131073/pages?body-format=storage`, { auth });
  clean(t('space pages page 1'), r, 200);
  let count = r.json?.results?.length || 0;
  n = 1;
  while (r.json?._links?.next && n < 6) {
    r = await call('GET', follow(r.json._links.next), { auth });
    clean(t(`space pages page ${n + 1}`), r, 200);
    count += r.json?.results?.length || 0;
    n += 1;
  }
  check(t('space pages: 60 over 3 pages'), count === 60 && n === 3, `${count} in ${n}`);
  r = await call('GET', `${base}/spaces/131073/pages?depth=root`, { auth });
  clean(t('space pages depth=root'), r, 200);
  r = await call('GET', `${base}/pages?space-id=131073&title=${encodeURIComponent('Deploy checklist')}&body-format=atlas_doc_format`, { auth });
  clean(t('pages by space and title'), r, 200);
  check(t('pages by title finds one'), r.json?.results?.length === 1 && JSON.parse(r.json.results[0].body.atlas_doc_format.value).type === 'doc', r.text.slice(0, 300));
  r = await call('GET', `${base}/pages?space-id=131074&space-id=131075&limit=250&sort=-modified-date`, { auth });
  clean(t('pages in two spaces'), r, 200);
  check(t('pages in two spaces count'), r.json?.results?.length === 13, `${r.json?.results?.length}`);
  r = await call('GET', `${base}/pages/1000001?body-format=storage`, { auth });
  clean(t('page by id (storage)'), r, 200);
  check(t('page by id content'), r.json?.body?.storage?.value?.includes('<ac:structured-macro') && r.json._links?.base, r.text.slice(0, 200));
  r = await call('GET', `${base}/pages/999`, { auth });
  check(t('unknown page is 404'), r.status === 404 && r.json?.errors?.[0]?.status === 404, r.text);
  r = await call('GET', `${base}/pages/1000001/footer-comments?limit=10&body-format=storage`, { auth });
  clean(t('footer comments page 1'), r, 200);
  count = r.json?.results?.length || 0;
  n = 1;
  while (r.json?._links?.next && n < 6) {
    r = await call('GET', follow(r.json._links.next), { auth });
    clean(t(`footer comments page ${n + 1}`), r, 200);
    count += r.json?.results?.length || 0;
    n += 1;
  }
  check(t('footer comments: 30 over 3 pages'), count === 30 && n === 3, `${count} in ${n}`);
  const title = `Selfcheck ${mode} — ü ${Date.now()}`;
  r = await call('POST', `${base}/pages`, { auth, body: { spaceId: '131074', status: 'current', title, body: { representation: 'storage', value: '<p>Hello <strong>world</strong></p>' } } });
  clean(t('create page'), r, 200);
  const pageId = r.json?.id;
  r = await call('POST', `${base}/pages`, { auth, body: { spaceId: '131074', status: 'current', title, body: { representation: 'storage', value: '<p>again</p>' } } });
  check(t('create page with a taken title is 400'), r.status === 400, `${r.status} ${r.text}`);
  r = await call('POST', `${base}/footer-comments`, { auth, body: { pageId, body: { representation: 'storage', value: '<p>First!</p>' } } });
  clean(t('create footer comment'), r, 201);
  check(t('create footer comment answer'), r.json?.pageId === pageId && (r.headers.get('location') || '').endsWith(`/footer-comments/${r.json.id}`), `${r.headers.get('location')} ${r.text.slice(0, 200)}`);

  // Prism rejects requests that violate the spec, before the fake sees them.
  const before = (await call('GET', `${urls.fake}/__test/stats`)).json.requests;
  r = await call('GET', `${base}/pages/abc`, { auth });
  check(t('Prism rejects a non-integer page id (422)'), r.status === 422 && /integer/.test(r.text), `${r.status} ${r.text}`);
  r = await call('GET', `${base}/pages?space-id=131073,131074`, { auth });
  check(t('Prism rejects comma-joined space-id (422)'), r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
  r = await call('GET', `${base}/spaces?limit=1000`, { auth });
  check(t('Prism rejects limit > 250 (422)'), r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
  r = await call('POST', `${base}/pages`, { auth, body: { title: 'no space id' } });
  check(t('Prism rejects createPage without spaceId (422)'), r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
  r = await call('GET', `${base}/spaces`);
  check(t('Prism rejects a request without credentials (401)'), r.status === 401, `${r.status} ${r.text.slice(0, 200)}`);
  const after = (await call('GET', `${urls.fake}/__test/stats`)).json.requests;
  check(t('rejected requests never reached the fake'), after === before, `${before} -> ${after}`);
}

// ---------------------------------------------------------------------------------------------
// Webhook delivery: a local receiver, registration through Prism, events from the API.

// Records every request; answers 503 to the first request on /flaky, 200 otherwise.
async function startReceiver() {
  const received = [];
  let flakyFailures = 1;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, path: req.url, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      if (req.url === '/flaky' && flakyFailures > 0) {
        flakyFailures -= 1;
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('try again later');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}

// A loopback URL nobody listens on (connection refused).
async function closedPortUrl() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/nobody-listens`;
}

// The claims of an HS256 JWT whose signature verifies with `secret`, else null.
function verifyHs256(token, secret) {
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header?.alg !== 'HS256') return null;
  const expected = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const actual = Buffer.from(parts[2], 'base64url');
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) return null;
  return claims;
}

async function waitForDeliveries(urls, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await call('GET', `${urls.fake}/__test/deliveries`)).json || [];
    if ((list.length >= count && list.every((d) => d.state !== 'pending')) || Date.now() > deadline) return list;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function webhookDeliveryChecks(urls) {
  const t = (s) => `webhooks: ${s}`;
  let r = await call('POST', `${urls.fake}/__test/reset`);
  check(t('reset'), r.status === 204);
  const receiver = await startReceiver();
  const deadUrl = await closedPortUrl();
  const base = `${urls.jira}/ex/jira/${CLOUD}`;
  const auth = `Bearer ${BEARER}`;
  try {
    // Registration through Prism (gateway form, Bearer token), as an OAuth 2.0 app does it.
    r = await call('POST', `${base}/rest/api/3/webhook`, { auth, body: { url: `${receiver.url}/jira`, webhooks: [
      { events: ['jira:issue_created', 'comment_created'], jqlFilter: 'project != EMPTY' },
      { events: ['jira:issue_created', 'comment_created'], jqlFilter: 'project = MKT' },
    ] } });
    clean(t('register through Prism with a Bearer token'), r, 200);
    const [allId, mktId] = (r.json?.webhookRegistrationResult || []).map((x) => x.createdWebhookId);
    check(t('two webhooks created'), Number.isInteger(allId) && Number.isInteger(mktId), r.text);
    r = await call('POST', `${base}/rest/api/3/webhook`, { auth, body: { url: `${receiver.url}/flaky`, webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = OPS AND issuetype = Task' }] } });
    clean(t('register a webhook whose receiver fails once'), r, 200);
    const flakyId = r.json?.webhookRegistrationResult?.[0]?.createdWebhookId;
    r = await call('POST', `${base}/rest/api/3/webhook`, { auth, body: { url: deadUrl, webhooks: [{ events: ['comment_created'], jqlFilter: 'project = OPS' }] } });
    clean(t('register a webhook nobody receives'), r, 200);
    const deadId = r.json?.webhookRegistrationResult?.[0]?.createdWebhookId;

    // Events: create an issue in OPS, then comment on it.
    const description = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Webhook selfcheck — ✓ 日本' }] }] };
    const summary = `Webhook selfcheck ${Date.now()}`;
    r = await call('POST', `${base}/rest/api/3/issue`, { auth, body: { fields: { project: { key: 'OPS' }, summary, issuetype: { name: 'Task' }, description } } });
    clean(t('create issue'), r, 201);
    const issueId = r.json?.id;
    const issueKey = r.json?.key;
    const commentBody = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First comment, "quoted" & ü' }] }] };
    r = await call('POST', `${base}/rest/api/3/issue/${issueKey}/comment`, { auth, body: { body: commentBody } });
    clean(t('add comment'), r, 201);
    const commentId = r.json?.id;

    // 4 deliveries: all x2, flaky x1 (2 attempts), dead x1 (3 attempts, ~2 s).
    const list = await waitForDeliveries(urls, 4, 10000);
    const jira = receiver.received.filter((x) => x.path === '/jira');
    check(t('receiver got exactly 2 requests on /jira'), jira.length === 2, JSON.stringify(jira.map((x) => x.raw.slice(0, 80))));
    const parsed = jira.map((x) => {
      try {
        return { ...x, body: JSON.parse(x.raw) };
      } catch {
        return { ...x, body: null };
      }
    });
    const created = parsed.find((x) => x.body?.webhookEvent === 'jira:issue_created');
    const commented = parsed.find((x) => x.body?.webhookEvent === 'comment_created');
    check(t('receiver got jira:issue_created and comment_created'), created && commented, parsed.map((x) => x.body?.webhookEvent).join(','));

    const nowS = Date.now() / 1000;
    for (const [name, x] of [['issue_created', created], ['comment_created', commented]]) {
      if (!x) continue;
      const h = x.headers;
      check(t(`${name}: POST application/json`), x.method === 'POST' && /^application\/json/.test(h['content-type'] || ''), `${x.method} ${h['content-type']}`);
      const m = /^Bearer (\S+)$/.exec(h.authorization || '');
      const claims = m ? verifyHs256(m[1], WEBHOOK_JWT_SECRET) : null;
      check(t(`${name}: Authorization Bearer HS256 JWT verifies with the client secret`), claims !== null, h.authorization);
      check(t(`${name}: JWT does not verify with another secret`), m && verifyHs256(m[1], `${WEBHOOK_JWT_SECRET}x`) === null);
      check(t(`${name}: JWT claims iss/sub/iat/exp/context`), claims && claims.iss === WEBHOOK_JWT_ISSUER && claims.sub === ALICE
        && Number.isInteger(claims.iat) && Math.abs(claims.iat - nowS) < 120 && claims.exp === claims.iat + 180
        && isDeepStrictEqual(claims.context, {}), JSON.stringify(claims));
      const signature = `sha256=${crypto.createHmac('sha256', WEBHOOK_HMAC_SECRET).update(x.raw, 'utf8').digest('hex')}`;
      check(t(`${name}: X-Hub-Signature is the HMAC-SHA256 of the raw body`), h['x-hub-signature'] === signature, `${h['x-hub-signature']} want ${signature}`);
      const b = x.body;
      check(t(`${name}: common payload shape`), b && Number.isInteger(b.timestamp) && Math.abs(b.timestamp - Date.now()) < 120000
        && b.user?.accountId === ALICE && b.user?.displayName === 'Alice Ångström'
        && b.issue?.id === issueId && b.issue?.key === issueKey && b.issue?.self?.endsWith(`/rest/api/3/issue/${issueId}`)
        && b.issue?.fields?.summary === summary && b.issue.fields.project?.id === '10001' && b.issue.fields.project?.key === 'OPS'
        && typeof b.issue.fields.project?.name === 'string' && isDeepStrictEqual(b.matchedWebhookIds, [allId]), x.raw.slice(0, 600));
    }
    if (created) {
      const b = created.body;
      check(t('issue_created: issue_event_type_name and full fields'), b.issue_event_type_name === 'issue_created'
        && b.issue.fields.issuetype?.name === 'Task' && b.issue.fields.status?.name && isDeepStrictEqual(b.issue.fields.description, description)
        && b.issue.fields.reporter?.accountId === ALICE && !('comment' in b), created.raw.slice(0, 600));
    }
    if (commented) {
      const c = commented.body.comment;
      check(t('comment_created: comment {id, ADF body, author, created}'), c && c.id === commentId && isDeepStrictEqual(c.body, commentBody)
        && c.author?.accountId === ALICE && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/.test(c.created || ''), JSON.stringify(c)?.slice(0, 400));
    }

    // /__test/deliveries
    const keysOk = list.every((d) => ['webhookId', 'url', 'event', 'status', 'attempts', 'delivered_at', 'error'].every((k) => k in d));
    check(t('deliveries: 4 records with webhookId, url, event, status, attempts, delivered_at, error'), list.length === 4 && keysOk, JSON.stringify(list).slice(0, 600));
    const mine = list.filter((d) => d.webhookId === allId);
    check(t('deliveries: both events to the match-all webhook, delivered at once'), mine.length === 2
      && isDeepStrictEqual(mine.map((d) => d.event).sort(), ['comment_created', 'jira:issue_created'])
      && mine.every((d) => d.url === `${receiver.url}/jira` && d.status === 200 && d.attempts === 1 && d.error === null
        && !Number.isNaN(Date.parse(d.delivered_at || ''))), JSON.stringify(mine));
    check(t('deliveries: nothing for the webhook filtered on project = MKT'), !list.some((d) => d.webhookId === mktId));
    const flaky = list.find((d) => d.webhookId === flakyId);
    const flakyHits = receiver.received.filter((x) => x.path === '/flaky');
    check(t('deliveries: 503 then 200 is retried once, 1 s apart'), flaky?.event === 'jira:issue_created' && flaky.status === 200 && flaky.attempts === 2
      && flaky.error === null && flaky.delivered_at && flaky.history?.[0]?.status === 503 && flakyHits.length === 2
      && flakyHits[1].at - flakyHits[0].at >= 900, JSON.stringify(flaky));
    check(t('retried request: same X-Atlassian-Webhook-Identifier and body, X-Atlassian-Webhook-Retry: 1'), flakyHits.length === 2
      && flakyHits[0].headers['x-atlassian-webhook-identifier'] && flakyHits[0].headers['x-atlassian-webhook-identifier'] === flakyHits[1].headers['x-atlassian-webhook-identifier']
      && flakyHits[0].raw === flakyHits[1].raw && !flakyHits[0].headers['x-atlassian-webhook-retry'] && flakyHits[1].headers['x-atlassian-webhook-retry'] === '1');
    const dead = list.find((d) => d.webhookId === deadId);
    const gaps = (dead?.history || []).slice(1).map((a, i) => Date.parse(a.at) - Date.parse(dead.history[i].at));
    check(t('deliveries: connection refused is tried 3 times, 1 s apart, then failed'), dead?.event === 'comment_created' && dead.state === 'failed'
      && dead.attempts === 3 && dead.status === null && typeof dead.error === 'string' && dead.error && dead.delivered_at === null
      && dead.history?.length === 3 && gaps.every((g) => g >= 900), JSON.stringify(dead));

    r = await call('POST', `${urls.fake}/__test/reset`);
    r = await call('GET', `${urls.fake}/__test/deliveries`);
    check(t('reset clears deliveries'), r.status === 200 && isDeepStrictEqual(r.json, []), r.text.slice(0, 200));
  } finally {
    await receiver.close();
  }
}

async function main() {
  const t0 = Date.now();
  const { urls, stop } = await startStack();
  process.stdout.write(`stack ready in ${Date.now() - t0} ms: ${JSON.stringify(urls)}\n`);
  try {
    let r;
    for (const mode of ['site', 'gateway']) {
      r = await call('POST', `${urls.fake}/__test/reset`);
      check(`reset before the ${mode} pass`, r.status === 204);
      await jiraChecks(urls, mode);
      await confluenceChecks(urls, mode);
    }

    // Jira: request and response violations.
    const before = (await call('GET', `${urls.fake}/__test/stats`)).json.requests;
    r = await call('GET', `${urls.jira}/rest/api/3/search/jql?jql=project%3DENG&maxResults=abc`, { auth: BASIC });
    check('jira: Prism rejects a non-integer maxResults (422)', r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
    r = await call('GET', `${urls.jira}/rest/api/3/project/search?orderBy=bogus`, { auth: BASIC });
    check('jira: Prism rejects an orderBy outside the enum (422)', r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
    r = await call('POST', `${urls.jira}/rest/api/3/webhook`, { auth: BASIC, body: { url: 'https://x.example', webhooks: [{ events: ['not_an_event'], jqlFilter: 'project = ENG' }] } });
    check('jira: Prism rejects an unknown webhook event (422)', r.status === 422, `${r.status} ${r.text.slice(0, 200)}`);
    const after = (await call('GET', `${urls.fake}/__test/stats`)).json.requests;
    check('jira: rejected requests never reached the fake', after === before, `${before} -> ${after}`);
    await call('POST', `${urls.fake}/__test/faults`, { body: { path_prefix: '/rest/api/3/project/search', status: 200, count: 1, body: { isLast: 'not a boolean', values: 'nope' } } });
    r = await call('GET', `${urls.jira}/rest/api/3/project/search`, { auth: BASIC });
    check('jira: Prism turns an answer violating the spec into 500 VIOLATIONS', r.status === 500 && /VIOLATIONS/.test(r.json?.type || ''), `${r.status} ${r.text.slice(0, 300)}`);
    await call('POST', `${urls.fake}/__test/faults`, { body: { path_prefix: '/wiki/api/v2/spaces', status: 200, count: 1, body: { results: [{ id: 1, type: 'galaxy' }] } } });
    r = await call('GET', `${urls.confluence}/wiki/api/v2/spaces`, { auth: BASIC });
    check('confluence: Prism turns an answer violating the spec into 500 VIOLATIONS', r.status === 500 && /VIOLATIONS/.test(r.json?.type || ''), `${r.status} ${r.text.slice(0, 300)}`);

    // Faults pass through Prism with their headers.
    await call('POST', `${urls.fake}/__test/reset`, { body: { keep_data: true } });
    r = await call('POST', `${urls.fake}/__test/faults`, { body: { path_prefix: '/rest/api/3/search/jql', status: 429, count: 1, headers: { 'Retry-After': '2' } } });
    check('fault registered', r.status === 201);
    r = await call('GET', `${urls.jira}/ex/jira/${CLOUD}/rest/api/3/search/jql?jql=project%3DENG`, { auth: `Bearer ${BEARER}` });
    check('fault 429 through Prism with Retry-After', r.status === 429 && r.headers.get('retry-after') === '2' && r.headers.get('x-ratelimit-remaining') === '0', `${r.status} ${[...r.headers].join(' ')}`);
    r = await call('GET', `${urls.jira}/ex/jira/${CLOUD}/rest/api/3/search/jql?jql=project%3DENG`, { auth: `Bearer ${BEARER}` });
    clean('fault served once, then 200', r, 200);
    await call('POST', `${urls.fake}/__test/faults`, { body: { path_prefix: '/wiki/api/v2/pages', status: 503, count: 2 } });
    r = await call('GET', `${urls.confluence}/wiki/api/v2/pages/1000001`, { auth: BASIC });
    const r2 = await call('GET', `${urls.confluence}/wiki/api/v2/pages/1000001`, { auth: BASIC });
    const r3 = await call('GET', `${urls.confluence}/wiki/api/v2/pages/1000001`, { auth: BASIC });
    check('fault 503 twice, then 200', r.status === 503 && r2.status === 503 && r3.status === 200, `${r.status} ${r2.status} ${r3.status}`);

    // Unknown cloudId; accessible-resources (direct, not behind Prism).
    r = await call('GET', `${urls.confluence}/ex/confluence/00000000-0000-4000-8000-000000000000/wiki/api/v2/spaces`, { auth: `Bearer ${BEARER}` });
    check('unknown cloudId is 404', r.status === 404, `${r.status} ${r.text}`);
    r = await call('GET', `${urls.fake}/oauth/token/accessible-resources`, { auth: `Bearer ${BEARER}` });
    check('accessible-resources', r.status === 200 && r.json?.length === 2 && r.json[0].id === CLOUD && r.json[0].scopes.some((s) => s.includes('confluence')), r.text);
    r = await call('GET', `${urls.fake}/oauth/token/accessible-resources`, { auth: BASIC });
    check('accessible-resources needs a bearer token', r.status === 401 && r.json?.code === 401, r.text);

    // Concurrency accounting with artificial latency.
    await call('POST', `${urls.fake}/__test/reset`, { body: { keep_data: true } });
    await call('POST', `${urls.fake}/__test/config`, { body: { latency_ms: 300 } });
    await Promise.all([1, 2, 3, 4].map(() => call('GET', `${urls.jira}/rest/api/3/myself`, { auth: BASIC })));
    await call('POST', `${urls.fake}/__test/config`, { body: { latency_ms: 0 } });
    r = await call('GET', `${urls.fake}/__test/stats`);
    check('stats: max_concurrent 4 for alice', r.json?.max_concurrent === 4 && r.json.max_concurrent_by_auth['basic:alice@example.com'] === 4 && r.json.requests === 4, r.text);

    await webhookDeliveryChecks(urls);
  } finally {
    stop();
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stdout.write(`FAIL selfcheck crashed: ${e.stack || e}\n${passed} passed, ${failed + 1} failed\n`);
  process.exit(1);
});
