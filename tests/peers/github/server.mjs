// A stateful fake of the GitHub REST API (the operations UCF's GitHub connector uses), in plain
// Node 20 without dependencies. start.mjs puts a validating Stoplight Prism proxy with GitHub's
// published OpenAPI description (../shared/contracts/github/api.github.com.json) in front of it,
// so every request of the connector and every answer of this fake is checked against the spec.
// Response objects are the spec's own examples (octocat/Hello-World) with this fake's values
// written over them, so they carry every property the schemas require.
//
//   node github/server.mjs [port]     prints "READY http://127.0.0.1:P"
//
// Auth: "Authorization: Bearer <token>" or "token <token>"; tokens in GH_TOKENS (JSON
// {"token": "login"}, default {"ghp_alice_token":"alice","ghp_bob_token":"bob"}). Anything else
// is GitHub's 401 {"message":"Bad credentials"}.
// Operations: GET /user; GET /user/repos; GET|POST /repos/{o}/{r}/issues (GET: state, sort,
// direction, since); GET
// /repos/{o}/{r}/issues/{n}; GET|POST /repos/{o}/{r}/issues/{n}/comments; GET
// /repos/{o}/{r}/issues/comments (sort, direction, since); GET /search/issues
// (q: "phrase" repo:o/r is:issue); POST|GET /repos/{o}/{r}/hooks, GET|DELETE
// /repos/{o}/{r}/hooks/{id}. Paging: per_page (default 30, max 100) and page, with an RFC 8288
// Link header (next, last, first, prev) of absolute URLs on GH_PUBLIC_URL (the Prism).
// Every answer carries x-ratelimit-limit/remaining/reset/used/resource.
// Webhooks: a new hook gets a "ping"; issue creation "issues" (action opened), comment creation
// "issue_comment" (action created); each POSTed to the hook's url as JSON with X-GitHub-Event,
// X-GitHub-Delivery (a UUID), X-GitHub-Hook-ID and, with a secret, X-Hub-Signature-256
// ("sha256=" HMAC-SHA256 hex of the body) and the legacy X-Hub-Signature (sha1).
// OAuth app tokens: see `introspection` below.
// Test controls (not behind Prism): POST /__test/faults {path_prefix, method?, status, count=1,
// headers?, body?}; GET /__test/stats (requests, by_path, by_status, last_query: the query string of
// each path's latest request); GET /__test/deliveries; POST /__test/reset;
// POST /__test/config {public_url}.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { endWith, serverStopper } from '../lib/lifecycle.mjs';
import { contractsDir } from './spec.mjs';

const env = process.env;
const spec = JSON.parse(fs.readFileSync(path.join(contractsDir(), 'github/api.github.com.json'), 'utf8'));
const examples = spec.components.examples;
const example = (name) => structuredClone(examples[name].value);

const TOKENS = JSON.parse(env.GH_TOKENS || '{"ghp_alice_token":"alice","ghp_bob_token":"bob"}');
let publicUrl = env.GH_PUBLIC_URL || '';
// OAuth app tokens issued by another server (the oidc peer): an RFC 7662 endpoint says whether a
// bearer token is active (POST /__test/config {introspection: {url, client_id, client_secret}});
// an active token acts as alice.
let introspection = null;

async function introspect(token) {
  const form = (s) => encodeURIComponent(s).replace(/%20/g, '+');
  const basic = Buffer.from(`${form(introspection.client_id)}:${form(introspection.client_secret)}`).toString('base64');
  const r = await fetch(introspection.url, { method: 'POST', signal: AbortSignal.timeout(5000),
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: `token=${encodeURIComponent(token)}&token_type_hint=access_token` });
  return r.status === 200 && (await r.json()).active === true;
}

const USERS = {
  alice: { id: 1001, login: 'alice', name: 'Alice Ångström', email: 'alice@example.com' },
  bob: { id: 1002, login: 'bob', name: "Bob O'Brien", email: null },
};

let state;
function seed() {
  const t = (d) => new Date(Date.UTC(2026, 0, 1, 9, 0, d)).toISOString().replace('.000Z', 'Z');
  const repos = [
    { id: 501, owner: 'alice', name: 'octo-app', private: true, description: 'The app — 日本', admins: ['alice'] },
    { id: 502, owner: 'alice', name: 'docs.site', private: false, description: null, admins: ['alice'] },
    { id: 503, owner: 'acme-org', name: 'platform', private: true, description: 'Org repo', admins: [] },
  ];
  const issues = [];
  let issueId = 9000;
  let clock = 0;
  // octo-app: 12 issues and 3 pull requests (numbers 1..15); docs.site: 1 issue; platform: none.
  for (let n = 1; n <= 15; n += 1) {
    const pr = n % 5 === 0;
    issues.push({
      id: (issueId += 1), repo: 501, number: n, pr,
      title: n === 7 ? 'Zoë "quotes" & 日本語' : `${pr ? 'PR' : 'Issue'} ${n}`,
      body: n === 3 ? 'The needle is here' : `Body of ${n}`,
      state: n % 4 === 0 ? 'closed' : 'open', user: n % 2 ? 'alice' : 'bob', assignee: n % 3 ? null : 'bob',
      created_at: t((clock += 1)), updated_at: t(clock + 100),
    });
  }
  issues.push({ id: (issueId += 1), repo: 502, number: 1, pr: false, title: 'Docs typo', body: null, state: 'open',
    user: 'bob', assignee: null, created_at: t(50), updated_at: t(60) });
  const comments = [];
  let commentId = 70000;
  for (let i = 1; i <= 5; i += 1) {
    comments.push({ id: (commentId += 1), repo: 501, number: 1, user: i % 2 ? 'bob' : 'alice',
      body: `Comment ${i}${i === 2 ? ' — ünïcode' : ''}`, created_at: t(200 + i), updated_at: t(200 + i) });
  }
  state = { repos, issues, comments, hooks: [], nextIssueId: issueId + 1, nextCommentId: commentId + 1,
    nextHookId: 4000, faults: [], deliveries: [], stats: { requests: 0, by_path: {}, by_status: {}, last_query: {} } };
}
seed();

const iso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function rewrite(obj, from, to) {
  return JSON.parse(JSON.stringify(obj).split(from).join(to));
}

function userObj(login) {
  const u = USERS[login] || { id: 9999, login, name: login, email: null };
  const o = rewrite(example('simple-user-items') ? example('simple-user-items')[0] : {}, 'octocat', u.login);
  o.login = u.login;
  o.id = u.id;
  o.node_id = Buffer.from(`User${u.id}`).toString('base64');
  return o;
}

function fullName(r) {
  return `${r.owner}/${r.name}`;
}

function repoObj(r) {
  let o = example('repository-items-default-response')[0];
  o = rewrite(o, 'octocat/Hello-World', fullName(r));
  o.id = r.id;
  o.node_id = Buffer.from(`Repository${r.id}`).toString('base64');
  o.name = r.name;
  o.full_name = fullName(r);
  o.owner = userObj(r.owner);
  o.private = r.private;
  o.description = r.description;
  o.open_issues_count = state.issues.filter((i) => i.repo === r.id && i.state === 'open').length;
  o.open_issues = o.open_issues_count;
  if ('visibility' in o) o.visibility = r.private ? 'private' : 'public';
  return o;
}

function issueObj(i, template) {
  const r = state.repos.find((x) => x.id === i.repo);
  let o = rewrite(example(template), 'octocat/Hello-World', fullName(r));
  if (Array.isArray(o)) o = o[0];
  o = rewrite(o, '/1347', `/${i.number}`);
  o.id = i.id;
  o.node_id = Buffer.from(`Issue${i.id}`).toString('base64');
  o.number = i.number;
  o.title = i.title;
  // The 2021 description types body as a (non-nullable) string: an issue without one omits it.
  if (i.body === null) delete o.body;
  else o.body = i.body;
  o.state = i.state;
  o.user = userObj(i.user);
  o.assignee = i.assignee ? userObj(i.assignee) : null;
  if ('assignees' in o) o.assignees = i.assignee ? [userObj(i.assignee)] : [];
  o.labels = [];
  o.milestone = null;
  o.comments = state.comments.filter((c) => c.repo === i.repo && c.number === i.number).length;
  o.created_at = i.created_at;
  o.updated_at = i.updated_at;
  o.closed_at = i.state === 'closed' ? i.updated_at : null;
  o.locked = false;
  if (i.pr) {
    const base = `${publicUrl}/repos/${fullName(r)}/pulls/${i.number}`;
    o.pull_request = { url: base, html_url: `https://github.com/${fullName(r)}/pull/${i.number}`,
      diff_url: `https://github.com/${fullName(r)}/pull/${i.number}.diff`,
      patch_url: `https://github.com/${fullName(r)}/pull/${i.number}.patch` };
  } else {
    delete o.pull_request;
  }
  for (const k of ['closed_by', 'repository', 'performed_via_github_app', 'reactions', 'timeline_url']) {
    if (k in o && k !== 'repository') delete o[k];
  }
  delete o.repository;
  return o;
}

function commentObj(c) {
  const r = state.repos.find((x) => x.id === c.repo);
  let o = rewrite(example('issue-comment'), 'octocat/Hello-World', fullName(r));
  o = rewrite(o, '/1347', `/${c.number}`);
  o.id = c.id;
  o.node_id = Buffer.from(`IssueComment${c.id}`).toString('base64');
  o.body = c.body;
  o.user = userObj(c.user);
  o.created_at = c.created_at;
  o.updated_at = c.updated_at;
  o.url = `https://api.github.com/repos/${fullName(r)}/issues/comments/${c.id}`;
  o.html_url = `https://github.com/${fullName(r)}/issues/${c.number}#issuecomment-${c.id}`;
  delete o.performed_via_github_app;
  delete o.reactions;
  return o;
}

function hookObj(h) {
  const r = state.repos.find((x) => x.id === h.repo);
  const o = rewrite(example('hook'), 'octocat/Hello-World', fullName(r));
  const base = `https://api.github.com/repos/${fullName(r)}/hooks/${h.id}`;
  Object.assign(o, { id: h.id, events: h.events, active: h.active, created_at: h.created_at, updated_at: h.created_at,
    url: base, test_url: `${base}/test`, ping_url: `${base}/pings`,
    config: { content_type: h.content_type, insecure_ssl: h.insecure_ssl, url: h.url } });
  return o;
}

function rateHeaders() {
  return { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4990', 'x-ratelimit-used': '10',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), 'x-ratelimit-resource': 'core' };
}

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  state.stats.by_status[status] = (state.stats.by_status[status] || 0) + 1;
  res.writeHead(status, { ...rateHeaders(), ...(data ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    ...headers });
  res.end(data);
}

const docs = 'https://docs.github.com/rest';
const notFound = (res) => send(res, 404, { message: 'Not Found', documentation_url: docs });
const invalid = (res, field, code = 'missing_field') => send(res, 422, { message: 'Validation Failed',
  errors: [{ resource: 'Issue', code, field }], documentation_url: docs });

// One page of `all` and the Link header of its neighbours.
function paginate(url, all) {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') || 30)));
  const page = Math.max(1, Number(url.searchParams.get('page') || 1));
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const link = (p) => {
    const u = new URL(`${publicUrl}${url.pathname}${url.search}`);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const rels = [];
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
  return { items: all.slice((page - 1) * perPage, page * perPage), headers: rels.length ? { Link: rels.join(', ') } : {} };
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
  });
}

function deliver(event, payload, hooks) {
  for (const h of hooks) {
    if (!h.active || (!h.events.includes(event) && !h.events.includes('*') && event !== 'ping')) continue;
    const body = JSON.stringify(payload);
    const id = crypto.randomUUID();
    const headers = { 'Content-Type': 'application/json', 'User-Agent': 'GitHub-Hookshot/fake',
      'X-GitHub-Event': event, 'X-GitHub-Delivery': id, 'X-GitHub-Hook-ID': String(h.id) };
    if (h.secret) {
      headers['X-Hub-Signature-256'] = `sha256=${crypto.createHmac('sha256', h.secret).update(body).digest('hex')}`;
      headers['X-Hub-Signature'] = `sha1=${crypto.createHmac('sha1', h.secret).update(body).digest('hex')}`;
    }
    const record = { id, hook_id: h.id, event, url: h.url, status: null, error: null, state: 'pending', headers, body };
    state.deliveries.push(record);
    // The ping follows the hook's creation a moment later, as on GitHub: the receiver stores the
    // hook when the create call answers.
    setTimeout(() => {
      fetch(h.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(5000) })
        .then((r) => { record.status = r.status; record.state = r.ok ? 'delivered' : 'failed'; })
        .catch((e) => { record.error = String(e.message); record.state = 'failed'; });
    }, event === 'ping' ? 500 : 0);
  }
}

function repoOf(owner, name, login) {
  const r = state.repos.find((x) => x.owner.toLowerCase() === owner.toLowerCase() && x.name.toLowerCase() === name.toLowerCase());
  if (!r) return null;
  // Everyone reaches the org repo and their own; bob reaches only the org repo.
  if (r.owner !== login && r.owner !== 'acme-org') return null;
  return r;
}

async function api(req, res, url, login) {
  const p = url.pathname;
  const m = req.method;
  let match;
  if (m === 'GET' && p === '/user') {
    const u = USERS[login];
    let o = rewrite(example('private-user-response-with-public-and-private-profile-information'), 'octocat', login);
    Object.assign(o, { login, id: u.id, name: u.name, email: u.email });
    return send(res, 200, o);
  }
  if (m === 'GET' && p === '/user/repos') {
    const mine = state.repos.filter((r) => r.owner === login || r.owner === 'acme-org')
      .sort((a, b) => fullName(a).localeCompare(fullName(b)));
    const { items, headers } = paginate(url, mine);
    return send(res, 200, items.map(repoObj), headers);
  }
  if (m === 'GET' && p === '/search/issues') {
    const q = url.searchParams.get('q') || '';
    const repoQ = /(?:^|\s)repo:(\S+)/.exec(q.replace(/"[^"]*"/g, ''));
    const phrase = (/"([^"]*)"/.exec(q) || [])[1];
    const onlyIssues = /(?:^|\s)is:issue(?:\s|$)/.test(q.replace(/"[^"]*"/g, ''));
    const [o, n] = repoQ ? repoQ[1].split('/') : [];
    const r = repoQ ? repoOf(o, n || '', login) : null;
    if (!r) return send(res, 422, { message: 'Validation Failed', errors: [{ message: 'The listed users and repositories cannot be searched', resource: 'Search', field: 'q', code: 'invalid' }], documentation_url: docs });
    const hits = state.issues.filter((i) => i.repo === r.id && (!onlyIssues || !i.pr) && (!phrase ||
      `${i.title} ${i.body || ''}`.toLowerCase().includes(phrase.toLowerCase())))
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    const { items, headers } = paginate(url, hits);
    const page = items.map((i) => { const o = issueObj(i, 'issue-simple-items'); o.score = 1; return o; });
    return send(res, 200, { total_count: hits.length, incomplete_results: false, items: page }, headers);
  }
  if ((match = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(p))) {
    const r = repoOf(decodeURIComponent(match[1]), decodeURIComponent(match[2]), login);
    if (!r) return notFound(res);
    const rest = match[3];
    if (rest === 'issues' && m === 'GET') {
      const st = url.searchParams.get('state') || 'open';
      // sort (created|updated, by number for created) and direction (desc by default) as GitHub
      // does; since: only issues updated at or after it.
      const since = url.searchParams.get('since');
      const sinceMs = since ? Date.parse(since) : NaN;
      const sign = url.searchParams.get('direction') === 'asc' ? -1 : 1;
      const list = state.issues.filter((i) => i.repo === r.id && (st === 'all' || i.state === st)
          && (Number.isNaN(sinceMs) || Date.parse(i.updated_at) >= sinceMs))
        .sort((a, b) => sign * (url.searchParams.get('sort') === 'updated'
          ? b.updated_at.localeCompare(a.updated_at) || b.number - a.number : b.number - a.number));
      const { items, headers } = paginate(url, list);
      return send(res, 200, items.map((i) => issueObj(i, 'issue-simple-items')), headers);
    }
    if (rest === 'issues' && m === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}');
      if (typeof body.title !== 'string' || !body.title) return invalid(res, 'title');
      const now = iso();
      const number = Math.max(0, ...state.issues.filter((i) => i.repo === r.id).map((i) => i.number)) + 1;
      const i = { id: state.nextIssueId++, repo: r.id, number, pr: false, title: body.title, body: body.body ?? null,
        state: 'open', user: login, assignee: null, created_at: now, updated_at: now };
      state.issues.push(i);
      const o = issueObj(i, 'issue');
      deliver('issues', { action: 'opened', issue: o, repository: repoObj(r), sender: userObj(login) },
        state.hooks.filter((h) => h.repo === r.id));
      return send(res, 201, o, { Location: `${publicUrl}/repos/${fullName(r)}/issues/${number}` });
    }
    if (rest === 'issues/comments' && m === 'GET') {
      // The repository's comments: sort (created|updated, created by default), direction (asc by
      // default here), since: only comments updated at or after it.
      const since = url.searchParams.get('since');
      const sinceMs = since ? Date.parse(since) : NaN;
      const key = url.searchParams.get('sort') === 'updated' ? 'updated_at' : 'created_at';
      const sign = url.searchParams.get('direction') === 'desc' ? -1 : 1;
      const list = state.comments.filter((c) => c.repo === r.id && (Number.isNaN(sinceMs) || Date.parse(c.updated_at) >= sinceMs))
        .sort((a, b) => sign * (a[key].localeCompare(b[key]) || a.id - b.id));
      const { items, headers } = paginate(url, list);
      return send(res, 200, items.map(commentObj), headers);
    }
    if ((match = /^issues\/(\d+)$/.exec(rest)) && m === 'GET') {
      const i = state.issues.find((x) => x.repo === r.id && x.number === Number(match[1]));
      return i ? send(res, 200, issueObj(i, 'issue')) : notFound(res);
    }
    if ((match = /^issues\/(\d+)\/comments$/.exec(rest))) {
      const i = state.issues.find((x) => x.repo === r.id && x.number === Number(match[1]));
      if (!i) return notFound(res);
      if (m === 'GET') {
        const since = url.searchParams.get('since');
        const list = state.comments.filter((c) => c.repo === r.id && c.number === i.number && (!since || c.updated_at >= since))
          .sort((a, b) => a.id - b.id);
        const { items, headers } = paginate(url, list);
        return send(res, 200, items.map(commentObj), headers);
      }
      if (m === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}');
        if (typeof body.body !== 'string' || !body.body) return invalid(res, 'body');
        const now = iso();
        const c = { id: state.nextCommentId++, repo: r.id, number: i.number, user: login, body: body.body, created_at: now, updated_at: now };
        state.comments.push(c);
        i.updated_at = now;
        const o = commentObj(c);
        deliver('issue_comment', { action: 'created', issue: issueObj(i, 'issue'), comment: o, repository: repoObj(r), sender: userObj(login) },
          state.hooks.filter((h) => h.repo === r.id));
        return send(res, 201, o, { Location: o.url });
      }
    }
    if (rest === 'hooks' && m === 'POST') {
      if (!r.admins.includes(login)) return notFound(res);
      const body = JSON.parse((await readBody(req)) || '{}');
      if (!body.config || typeof body.config.url !== 'string') return invalid(res, 'config.url');
      const h = { id: state.nextHookId++, repo: r.id, url: body.config.url, secret: body.config.secret || null,
        content_type: body.config.content_type || 'form', insecure_ssl: String(body.config.insecure_ssl ?? '0'),
        events: body.events || ['push'], active: body.active !== false, created_at: iso() };
      state.hooks.push(h);
      deliver('ping', { zen: 'Keep it logically awesome.', hook_id: h.id, hook: hookObj(h), repository: repoObj(r) }, [h]);
      return send(res, 201, hookObj(h), { Location: hookObj(h).url });
    }
    if (rest === 'hooks' && m === 'GET') {
      return send(res, 200, state.hooks.filter((h) => h.repo === r.id).map(hookObj));
    }
    if ((match = /^hooks\/(\d+)$/.exec(rest))) {
      const h = state.hooks.find((x) => x.repo === r.id && x.id === Number(match[1]));
      if (!h || !r.admins.includes(login)) return notFound(res);
      if (m === 'GET') return send(res, 200, hookObj(h));
      if (m === 'DELETE') {
        state.hooks = state.hooks.filter((x) => x !== h);
        return send(res, 204);
      }
    }
  }
  return send(res, 501, { message: `not implemented by the fake: ${m} ${p}`, documentation_url: docs });
}

async function control(req, res, url) {
  const p = url.pathname;
  if (p === '/__test/reset' && req.method === 'POST') { seed(); return send(res, 200, { ok: true }); }
  if (p === '/__test/stats') return send(res, 200, state.stats);
  if (p === '/__test/deliveries') return send(res, 200, state.deliveries);
  if (p === '/__test/hooks') return send(res, 200, state.hooks);
  if (p === '/__test/config' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)) || '{}');
    if (body.public_url) publicUrl = body.public_url;
    if (body.introspection !== undefined) introspection = body.introspection;
    return send(res, 200, { public_url: publicUrl });
  }
  if (p === '/__test/faults') {
    if (req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}');
      for (const f of Array.isArray(body) ? body : [body]) state.faults.push({ count: 1, ...f });
      return send(res, 200, state.faults);
    }
    if (req.method === 'DELETE') { state.faults = []; return send(res, 200, []); }
    return send(res, 200, state.faults);
  }
  return notFound(res);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://fake');
    if (url.pathname.startsWith('/__test/')) return await control(req, res, url);
    state.stats.requests += 1;
    state.stats.by_path[url.pathname] = (state.stats.by_path[url.pathname] || 0) + 1;
    state.stats.last_query[url.pathname] = url.search;
    const fault = state.faults.find((f) => url.pathname.startsWith(f.path_prefix) && (!f.method || f.method === req.method) && f.count > 0);
    if (fault) {
      fault.count -= 1;
      if (fault.count <= 0) state.faults = state.faults.filter((f) => f !== fault);
      const headers = {};
      for (const [k, v] of Object.entries(fault.headers || {})) if (v !== null) headers[k] = v;
      const body = fault.body ?? { message: fault.status === 401 ? 'Bad credentials' : `fault ${fault.status}`, documentation_url: docs };
      state.stats.by_status[fault.status] = (state.stats.by_status[fault.status] || 0) + 1;
      res.writeHead(fault.status, { ...rateHeaders(), 'Content-Type': 'application/json; charset=utf-8', ...headers });
      return res.end(JSON.stringify(body));
    }
    const auth = req.headers.authorization || '';
    const token = /^(?:Bearer|token)\s+(\S+)$/i.exec(auth);
    let login = token ? TOKENS[token[1]] : undefined;
    if (!login && token && introspection && (await introspect(token[1]).catch(() => false))) login = 'alice';
    if (!login) return send(res, 401, { message: 'Bad credentials', documentation_url: docs });
    return await api(req, res, url, login);
  } catch (e) {
    process.stderr.write(`fake github error: ${e.stack}\n`);
    if (!res.headersSent) send(res, 500, { message: String(e.message) });
  }
});

server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  if (!publicUrl) publicUrl = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`);
});
endWith(serverStopper(server), { exitWithParent: env.GH_EXIT_WITH_PARENT === '1',
  exitOnStdinClose: env.GH_EXIT_ON_STDIN_CLOSE === '1' });
