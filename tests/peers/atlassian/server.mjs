// A stateful fake Atlassian Cloud upstream for UCF's connector tests: Jira Cloud REST v3 and
// Confluence Cloud REST v2 on seeded, deterministic data (data.mjs), with both URL forms
// (site: /rest/api/3/..., /wiki/api/v2/...; OAuth gateway: /ex/jira/{cloudId}/rest/api/3/...,
// /ex/confluence/{cloudId}/wiki/api/v2/...), Atlassian's auth answers, fault injection and stats.
// Plain Node 20 (node:http), no dependencies. Normally started behind two validating Prism proxies
// by start.mjs; see README.md § atlassian.
//
// Run: node atlassian/server.mjs [PORT]    PORT 0 (default) picks a free port; prints exactly one
// line `READY http://127.0.0.1:PORT` on stdout once it listens; stops on SIGTERM/SIGINT.
//
// Environment (all optional):
//   ATL_PORT                  port when no argument is given
//   ATL_USERS                 JSON [{email, token}] accepted with Basic auth
//                             (default [{"email":"alice@example.com","token":"alice-api-token"}])
//   ATL_BEARER_TOKENS         comma-separated bearer tokens accepted as-is (act as the first user)
//   ATL_INTROSPECTION_URL     RFC 7662 endpoint checking other bearer tokens (client_secret_basic
//   ATL_INTROSPECTION_CLIENT_ID / ATL_INTROSPECTION_CLIENT_SECRET   with these credentials)
//   ATL_SITES                 JSON [{id, url, name, scopes[], avatarUrl}] for accessible-resources
//                             and the /ex/{product}/{cloudId} paths (default: two sites, below)
//   ATL_LATENCY_MS            artificial latency of every API answer (default 0)
//   ATL_JIRA_PUBLIC_URL       origin used in Jira `self`/`nextPage` links (default: this server;
//   ATL_CONFLUENCE_PUBLIC_URL   start.mjs sets both to the Prism URLs via POST /__test/config)
//   ATL_WEBHOOK_JWT_SECRET    OAuth app client secret: webhook deliveries carry
//                             `Authorization: Bearer <HS256 JWT>` signed with it (none when unset)
//   ATL_WEBHOOK_JWT_ISSUER    `iss` of that JWT (default ucf-fake-jira)
//   ATL_WEBHOOK_HMAC_SECRET   admin-webhook secret: deliveries carry `X-Hub-Signature: sha256=<hex
//                             HMAC-SHA256 of the raw body>` (none when unset)
//   ATL_EXIT_WITH_PARENT      1: exit when the parent process goes away
//   ATL_EXIT_ON_STDIN_CLOSE   1: exit when stdin reaches EOF (start.mjs gives its children a pipe)
//
// Test-only routes (never behind Prism):
//   POST /__test/faults   {path_prefix, method?, status, count=1, headers?, body?, delay_ms?} or an
//                         array of them: the next `count` matching API requests fail like Atlassian
//                         would (prefix matched against the path with or without /ex/{product}/{cloudId})
//   GET  /__test/faults   the pending faults
//   GET  /__test/stats    {requests, by_path, by_status, max_concurrent, max_concurrent_by_auth,
//                          in_flight, faults_served, introspections}
//   GET  /__test/deliveries  webhook deliveries, oldest first: [{webhookId, url, event, status,
//                         attempts, delivered_at, error, id, issueKey, commentId, state, created_at,
//                         history: [{attempt, at, status, error, duration_ms}]}]
//   POST /__test/reset    zeroes stats, drops faults and deliveries (and stops their retries),
//                         restores the seeded data and webhooks ({"keep_data": true} keeps the data)
//   POST /__test/config   {jira_public_url?, confluence_public_url?, latency_ms?}
//   GET  /__test/info     users, sites, projects and spaces with their counts
// Also served directly (not behind Prism, as on api.atlassian.com):
//   GET  /oauth/token/accessible-resources   (Bearer only)

import crypto from 'node:crypto';
import { endWith, serverStopper } from '../lib/lifecycle.mjs';
import fs from 'node:fs';
import http from 'node:http';

import {
  ISSUE_TYPES, PRIORITIES, STATUSES, adfFromText, adfText, confluenceTime, jiraTime, pageWebui, seed, storageToAdf,
} from './data.mjs';
import { JqlError, jqlDate, parseJql } from './jql.mjs';

const env = process.env;
const port = Number(process.argv[2] ?? env.ATL_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid port: ${process.argv[2] ?? env.ATL_PORT}`);
  process.exit(2);
}

function jsonEnv(name, fallback) {
  if (!env[name]) return fallback;
  try {
    return JSON.parse(env[name]);
  } catch (e) {
    console.error(`${name} is not valid JSON: ${e.message}`);
    process.exit(2);
  }
  return fallback;
}

const CREDENTIALS = jsonEnv('ATL_USERS', [{ email: 'alice@example.com', token: 'alice-api-token' }]);
const STATIC_BEARERS = new Set((env.ATL_BEARER_TOKENS || '').split(',').map((s) => s.trim()).filter(Boolean));
const INTROSPECTION = env.ATL_INTROSPECTION_URL ? {
  url: env.ATL_INTROSPECTION_URL,
  clientId: env.ATL_INTROSPECTION_CLIENT_ID || '',
  clientSecret: env.ATL_INTROSPECTION_CLIENT_SECRET || '',
} : null;
const JIRA_SCOPES = ['read:jira-work', 'write:jira-work', 'read:jira-user', 'manage:jira-webhook'];
const CONFLUENCE_SCOPES = ['read:confluence-space.summary', 'read:confluence-content.all', 'write:confluence-content',
  'search:confluence', 'read:space:confluence', 'read:page:confluence', 'read:comment:confluence',
  'write:page:confluence', 'write:comment:confluence'];
const SITES = jsonEnv('ATL_SITES', [
  {
    id: '11111111-2222-4333-8444-555555555555',
    url: 'https://zoe-labs.atlassian.net',
    name: 'zoe-labs',
    scopes: [...JIRA_SCOPES, ...CONFLUENCE_SCOPES],
    avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png',
  },
  {
    id: '99999999-8888-4777-8666-555555555555',
    url: 'https://acme-legacy.atlassian.net',
    name: 'acme-legacy',
    scopes: ['read:jira-work', 'read:jira-user'],
    avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png',
  },
]);

const config = {
  latencyMs: Number(env.ATL_LATENCY_MS || 0),
  jiraPublicUrl: env.ATL_JIRA_PUBLIC_URL || '',
  confluencePublicUrl: env.ATL_CONFLUENCE_PUBLIC_URL || '',
  ownUrl: '',
};

let state = seed();
let faults = [];
let stats;
let inFlight = new Map(); // auth label -> count
function resetStats() {
  stats = {
    requests: 0,
    by_path: {},
    by_status: {},
    max_concurrent: 0,
    max_concurrent_by_auth: {},
    in_flight: 0,
    faults_served: 0,
    introspections: 0,
  };
  inFlight = new Map();
}
resetStats();

// ---------------------------------------------------------------------------------------------
// Small helpers

class HttpError extends Error {
  constructor(status, body, headers = {}) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function send(res, status, body, headers = {}) {
  const out = { ...headers };
  let payload = '';
  if (body !== undefined && body !== null) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(out).some((k) => k.toLowerCase() === 'content-type')) out['Content-Type'] = JSON_TYPE;
  }
  out['Content-Length'] = Buffer.byteLength(payload);
  res.writeHead(status, out);
  res.end(payload);
}

function jiraError(messages, errors = {}) {
  return { errorMessages: Array.isArray(messages) ? messages : [messages], errors };
}

function confluenceError(status, code, title, detail = null) {
  return { errors: [{ status, code, title, detail }] };
}

const GATEWAY_401 = { code: 401, message: 'Unauthorized' };

function notFound(ctx, what) {
  if (ctx.product === 'jira') return new HttpError(404, jiraError(what));
  return new HttpError(404, confluenceError(404, 'NOT_FOUND', 'Not Found', what));
}

function badRequest(ctx, message, errors) {
  if (ctx.product === 'jira') return new HttpError(400, jiraError(message ? [message] : [], errors || {}));
  return new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', message));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 10 * 1024 * 1024) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(ctx, raw) {
  if (!raw) throw badRequest(ctx, 'No content to map due to end-of-input');
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw badRequest(ctx, `Unexpected character: ${e.message}`);
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function b64url(s) {
  return Buffer.from(s, 'utf8').toString('base64url');
}
function unb64url(s) {
  return Buffer.from(s, 'base64url').toString('utf8');
}
function shortHash(s) {
  return crypto.createHash('sha256').update(s).digest('hex').slice(0, 12);
}

function intParam(ctx, q, name, fallback, { min = 0 } = {}) {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  if (!/^-?\d+$/.test(v)) throw badRequest(ctx, `The '${name}' parameter must be an integer, was '${v}'.`);
  const n = Number(v);
  if (n < min) throw badRequest(ctx, `The '${name}' parameter must be at least ${min}.`);
  return n;
}

// Values of a multi-valued query parameter, accepting both repeated (a=1&a=2) and comma forms.
function listParam(q, name) {
  return q.getAll(name).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Users and auth

function userById(accountId) {
  return state.users.find((u) => u.accountId === accountId) || null;
}

function userForEmail(email) {
  let user = state.users.find((u) => u.email && u.email.toLowerCase() === email.toLowerCase());
  if (!user) {
    user = {
      accountId: `557058:${crypto.createHash('sha256').update(email).digest('hex').slice(0, 8)}-0000-4000-8000-000000000000`,
      displayName: email.split('@')[0],
      email,
      timeZone: 'UTC',
      accountType: 'atlassian',
    };
    state.users.push(user);
  }
  return user;
}

function defaultUser() {
  return userForEmail(CREDENTIALS[0]?.email || 'alice@example.com');
}

function authLabel(header) {
  if (!header) return 'anonymous';
  const m = /^(\w+)\s+(.*)$/.exec(header.trim());
  if (!m) return 'malformed';
  if (m[1].toLowerCase() === 'basic') {
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    return `basic:${decoded.split(':')[0]}`;
  }
  return `${m[1].toLowerCase()}:${shortHash(m[2])}`;
}

async function introspect(token) {
  stats.introspections += 1;
  const form = (s) => encodeURIComponent(s).replace(/%20/g, '+');
  const basic = Buffer.from(`${form(INTROSPECTION.clientId)}:${form(INTROSPECTION.clientSecret)}`).toString('base64');
  const response = await fetch(INTROSPECTION.url, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: `token=${encodeURIComponent(token)}&token_type_hint=access_token`,
    signal: AbortSignal.timeout(5000),
  });
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}: ${await response.text()}`);
  return response.json();
}

// Returns {user, kind} or throws the 401 Atlassian would send.
async function authenticate(req, ctx) {
  const header = req.headers.authorization || '';
  const unauthorized = () => {
    if (ctx.gateway) return new HttpError(401, GATEWAY_401);
    if (ctx.product === 'jira') return new HttpError(401, jiraError('Client must be authenticated to access this resource.'));
    return new HttpError(401, confluenceError(401, 'UNAUTHORIZED', 'Unauthorized', 'Authentication credentials are missing or invalid.'));
  };
  const m = /^(\w+)\s+(\S+)\s*$/.exec(header);
  if (!m) throw unauthorized();
  const scheme = m[1].toLowerCase();
  if (scheme === 'basic' && !ctx.bearerOnly) {
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw unauthorized();
    const email = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    if (!CREDENTIALS.some((c) => c.email === email && c.token === token)) throw unauthorized();
    return { user: userForEmail(email), kind: 'basic' };
  }
  if (scheme === 'bearer') {
    const token = m[2];
    if (STATIC_BEARERS.has(token)) return { user: defaultUser(), kind: 'bearer' };
    if (INTROSPECTION) {
      let result;
      try {
        result = await introspect(token);
      } catch (e) {
        console.error(`[atlassian fake] introspection failed: ${e.message}`);
        throw unauthorized();
      }
      if (result && result.active === true) {
        const sub = String(result.sub || '');
        const user = userById(sub) || (sub.includes('@') ? userForEmail(sub) : defaultUser());
        return { user, kind: 'bearer', scope: result.scope || '' };
      }
    }
  }
  throw unauthorized();
}

// ---------------------------------------------------------------------------------------------
// Jira representations

function jiraBase(ctx) {
  return ctx.publicBase;
}

function avatarUrls(kind, id) {
  const base = kind === 'user'
    ? `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${encodeURIComponent(id)}`
    : `https://zoe-labs.atlassian.net/rest/api/3/universal_avatar/view/type/${kind}/avatar/${id}`;
  return {
    '48x48': `${base}?size=48`,
    '24x24': `${base}?size=24`,
    '16x16': `${base}?size=16`,
    '32x32': `${base}?size=32`,
  };
}

function jiraUserDetails(ctx, accountId) {
  const u = userById(accountId);
  if (!u) return null;
  const out = {
    self: `${jiraBase(ctx)}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    avatarUrls: avatarUrls('user', u.accountId),
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
    accountType: u.accountType,
  };
  if (u.email) out.emailAddress = u.email;
  return out;
}

function jiraProjectRef(ctx, project) {
  return {
    self: `${jiraBase(ctx)}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.type,
    simplified: project.simplified,
    avatarUrls: avatarUrls('project', 10400 + Number(project.id) % 100),
  };
}

function jiraProject(ctx, project, expand) {
  const out = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${jiraBase(ctx)}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: avatarUrls('project', 10400 + Number(project.id) % 100),
    projectTypeKey: project.type,
    simplified: project.simplified,
    style: project.style,
    isPrivate: false,
    properties: {},
  };
  if (project.type !== 'service_desk') {
    out.projectCategory = {
      self: `${jiraBase(ctx)}/rest/api/3/projectCategory/10000`,
      id: '10000',
      name: project.type === 'software' ? 'Product' : 'Business',
      description: project.type === 'software' ? 'Product development' : 'Business teams',
    };
  }
  if (expand.has('description')) out.description = project.description;
  if (expand.has('lead')) out.lead = jiraUser(ctx, state.users[project.lead]);
  if (expand.has('url')) out.url = '';
  if (expand.has('permissions')) out.permissions = { canEdit: true };
  if (expand.has('insight')) {
    const issues = state.issues.filter((i) => i.projectId === project.id);
    const last = issues.reduce((m, i) => Math.max(m, i.updated), 0);
    out.insight = { totalIssueCount: issues.length };
    if (last) out.insight.lastIssueUpdateTime = jiraTime(last);
  }
  if (expand.has('issuetypes')) {
    out.issueTypes = Object.values(ISSUE_TYPES).map((t) => jiraIssueType(ctx, t));
  }
  return out;
}

function jiraUser(ctx, u) {
  const out = {
    self: `${jiraBase(ctx)}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    accountType: u.accountType,
    avatarUrls: avatarUrls('user', u.accountId),
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
    locale: 'en_US',
  };
  if (u.email) out.emailAddress = u.email;
  return out;
}

function jiraIssueType(ctx, t) {
  return {
    self: `${jiraBase(ctx)}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${jiraBase(ctx)}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.avatarId}?size=medium`,
    name: t.name,
    subtask: t.subtask,
    avatarId: t.avatarId,
    hierarchyLevel: t.hierarchyLevel,
  };
}

function jiraStatus(ctx, s) {
  return {
    self: `${jiraBase(ctx)}/rest/api/3/status/${s.id}`,
    description: s.description,
    iconUrl: `${jiraBase(ctx)}/`,
    name: s.name,
    id: s.id,
    statusCategory: {
      self: `${jiraBase(ctx)}/rest/api/3/statuscategory/${s.category.id}`,
      id: s.category.id,
      key: s.category.key,
      colorName: s.category.colorName,
      name: s.category.name,
    },
  };
}

function jiraPriority(ctx, p) {
  return {
    self: `${jiraBase(ctx)}/rest/api/3/priority/${p.id}`,
    iconUrl: `${jiraBase(ctx)}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
    name: p.name,
    id: p.id,
  };
}

function jiraComment(ctx, issue, c) {
  return {
    self: `${jiraBase(ctx)}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: jiraUserDetails(ctx, c.author),
    body: c.body,
    updateAuthor: jiraUserDetails(ctx, c.updateAuthor),
    created: jiraTime(c.created),
    updated: jiraTime(c.updated),
    jsdPublic: true,
  };
}

const ALL_FIELDS = ['summary', 'status', 'assignee', 'reporter', 'creator', 'created', 'updated', 'description',
  'issuetype', 'project', 'parent', 'priority', 'labels', 'subtasks', 'resolution', 'resolutiondate', 'duedate',
  'statuscategorychangedate', 'lastViewed', 'environment', 'components', 'fixVersions', 'versions', 'comment'];
const NAVIGABLE = ALL_FIELDS.filter((f) => f !== 'comment');

function issueFieldValue(ctx, issue, name) {
  const project = state.projects.find((p) => p.id === issue.projectId);
  switch (name) {
    case 'summary': return issue.summary;
    case 'status': return jiraStatus(ctx, issue.status);
    case 'assignee': return issue.assignee ? jiraUserDetails(ctx, issue.assignee) : null;
    case 'reporter': return jiraUserDetails(ctx, issue.reporter);
    case 'creator': return jiraUserDetails(ctx, issue.creator);
    case 'created': return jiraTime(issue.created);
    case 'updated': return jiraTime(issue.updated);
    case 'description': return issue.description;
    case 'issuetype': return jiraIssueType(ctx, issue.type);
    case 'project': return jiraProjectRef(ctx, project);
    case 'priority': return jiraPriority(ctx, issue.priority);
    case 'labels': return issue.labels;
    case 'resolution': return issue.status.category.key === 'done'
      ? { self: `${jiraBase(ctx)}/rest/api/3/resolution/10000`, id: '10000', description: 'Work has been completed on this issue.', name: 'Done' }
      : null;
    case 'resolutiondate': return issue.status.category.key === 'done' ? jiraTime(issue.updated) : null;
    case 'duedate': return null;
    case 'statuscategorychangedate': return jiraTime(issue.updated);
    case 'lastViewed': return null;
    case 'environment': return null;
    case 'components': return [];
    case 'fixVersions': return [];
    case 'versions': return [];
    case 'subtasks': return state.issues.filter((i) => i.parent === issue.key && i.type.subtask).map((i) => jiraIssueRef(ctx, i));
    case 'parent': {
      if (!issue.parent) return undefined;
      const parent = state.issues.find((i) => i.key === issue.parent);
      return parent ? jiraIssueRef(ctx, parent) : undefined;
    }
    case 'comment': {
      const list = state.comments.get(issue.id) || [];
      return {
        comments: list.map((c) => jiraComment(ctx, issue, c)),
        self: `${jiraBase(ctx)}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: list.length,
        total: list.length,
        startAt: 0,
      };
    }
    default: return undefined;
  }
}

function jiraIssueRef(ctx, issue) {
  return {
    id: issue.id,
    key: issue.key,
    self: `${jiraBase(ctx)}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: jiraStatus(ctx, issue.status),
      priority: jiraPriority(ctx, issue.priority),
      issuetype: jiraIssueType(ctx, issue.type),
    },
  };
}

// `fields` tokens as Jira reads them: *all, *navigable, names, -name.
function selectFields(tokens, fallback) {
  let list = tokens.length ? tokens : fallback;
  // Only exclusions ("-description"): all navigable fields except those, as Jira documents.
  if (list.every((t) => t.startsWith('-'))) list = ['*navigable', ...list];
  const chosen = new Set();
  const removed = new Set();
  for (const t of list) {
    if (t === '*all') ALL_FIELDS.forEach((f) => chosen.add(f));
    else if (t === '*navigable') NAVIGABLE.forEach((f) => chosen.add(f));
    else if (t.startsWith('-')) removed.add(t.slice(1));
    else chosen.add(t);
  }
  for (const r of removed) chosen.delete(r);
  return chosen;
}

function jiraIssue(ctx, issue, fields, expand = new Set()) {
  const wantsContent = [...fields].some((f) => f !== 'id' && f !== 'key');
  if (!wantsContent) {
    // fields=id (the search/jql default) gives only the id; key only when asked for.
    const out = { id: issue.id };
    if (fields.has('key')) out.key = issue.key;
    return out;
  }
  const out = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${jiraBase(ctx)}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: {},
  };
  for (const f of fields) {
    if (f === 'id' || f === 'key') continue;
    const v = issueFieldValue(ctx, issue, f);
    if (v !== undefined) out.fields[f] = v;
  }
  if (expand.has('names')) {
    out.names = Object.fromEntries(Object.keys(out.fields).map((f) => [f, f.charAt(0).toUpperCase() + f.slice(1)]));
  }
  if (expand.has('renderedfields')) {
    out.renderedFields = {};
    if (out.fields.description) out.renderedFields.description = `<p>${adfText(issue.description || {}).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
  }
  return out;
}

function findIssue(idOrKey) {
  const k = decodeURIComponent(idOrKey);
  return state.issues.find((i) => i.id === k || i.key === k.toUpperCase()) || null;
}

function findProject(value) {
  const v = String(value);
  return state.projects.find((p) => p.id === v || p.key === v.toUpperCase() || p.name.toLowerCase() === v.toLowerCase()) || null;
}

// ---------------------------------------------------------------------------------------------
// JQL search

function issueMatches(issue, clause, ctx, now) {
  const values = clause.values;
  const lower = (s) => String(s ?? '').toLowerCase();
  const contains = (hay) => {
    const needle = lower(values[0].value).replace(/\*/g, '').trim();
    return lower(hay).includes(needle);
  };
  const textOf = (what) => {
    const parts = [];
    if (what === 'summary' || what === 'text') parts.push(issue.summary);
    if (what === 'description' || what === 'text') parts.push(adfText(issue.description));
    if (what === 'comment' || what === 'text') for (const c of state.comments.get(issue.id) || []) parts.push(adfText(c.body));
    return parts.join('\n');
  };
  const userValue = (v) => {
    if (v.kind === 'fn' && v.value.toLowerCase() === 'currentuser') return ctx.user.accountId;
    return v.value;
  };
  const eqList = (actual, map = (v) => v.value) => values.some((v) => lower(map(v)) === lower(actual));
  // Fields every issue has: IS EMPTY (also `= EMPTY`) matches none, IS NOT EMPTY (`!= EMPTY`) all.
  if (['project', 'key', 'status', 'issuetype'].includes(clause.field)) {
    if (clause.op === 'is') return false;
    if (clause.op === 'is not') return true;
  }
  switch (clause.field) {
    case 'project': {
      const ids = values.map((v) => {
        const p = findProject(v.value);
        if (!p) throw new JqlError(`The value '${v.value}' does not exist for the field 'project'.`);
        return p.id;
      });
      const hit = ids.includes(issue.projectId);
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    case 'key': {
      const hit = values.some((v) => String(v.value).toUpperCase() === issue.key || String(v.value) === issue.id);
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    case 'text': case 'summary': case 'description': case 'comment':
      if (clause.op === '~') return contains(textOf(clause.field));
      if (clause.op === '!~') return !contains(textOf(clause.field));
      if (clause.op === 'is') return clause.field === 'description' ? issue.description === null : false;
      if (clause.op === 'is not') return clause.field === 'description' ? issue.description !== null : true;
      break;
    case 'created': case 'updated': {
      const actual = issue[clause.field];
      if (clause.op === 'is') return false;
      if (clause.op === 'is not') return true;
      const t = jqlDate(values[0], now);
      if (clause.op === '>') return actual > t;
      if (clause.op === '>=') return actual >= t;
      if (clause.op === '<') return actual < t;
      if (clause.op === '<=') return actual <= t;
      if (clause.op === '=') return actual === t;
      if (clause.op === '!=') return actual !== t;
      break;
    }
    case 'status': {
      const hit = eqList(issue.status.name) || values.some((v) => String(v.value) === issue.status.id);
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    case 'assignee': case 'reporter': {
      const actual = issue[clause.field];
      if (clause.op === 'is') return actual === null;
      if (clause.op === 'is not') return actual !== null;
      const hit = values.some((v) => {
        const want = userValue(v);
        const u = userById(actual);
        return want === actual || (u && (lower(u.email) === lower(want) || lower(u.displayName) === lower(want)));
      });
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    case 'issuetype': {
      const hit = eqList(issue.type.name) || values.some((v) => String(v.value) === issue.type.id);
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    case 'parent': {
      const parent = issue.parent ? findIssue(issue.parent) : null;
      if (clause.op === 'is') return !parent;
      if (clause.op === 'is not') return !!parent;
      const hit = !!parent && values.some((v) => String(v.value).toUpperCase() === parent.key || String(v.value) === parent.id);
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    case 'labels': {
      if (clause.op === 'is') return issue.labels.length === 0;
      if (clause.op === 'is not') return issue.labels.length > 0;
      const hit = values.some((v) => issue.labels.includes(String(v.value)));
      if (clause.op === '=' || clause.op === 'in') return hit;
      if (clause.op === '!=' || clause.op === 'not in') return !hit;
      break;
    }
    default:
      break;
  }
  throw new JqlError(`The operator '${clause.op.toUpperCase()}' is not supported by the '${clause.raw}' field.`);
}

function runJql(ctx, jql) {
  let parsed;
  try {
    parsed = parseJql(jql);
  } catch (e) {
    if (e instanceof JqlError) throw new HttpError(400, jiraError(e.message));
    throw e;
  }
  if (parsed.clauses.length === 0) {
    throw new HttpError(400, jiraError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'));
  }
  const now = Date.now();
  let issues;
  try {
    issues = state.issues.filter((issue) => parsed.clauses.every((c) => issueMatches(issue, c, ctx, now)));
  } catch (e) {
    if (e instanceof JqlError) throw new HttpError(400, jiraError(e.message));
    throw e;
  }
  const order = parsed.orderBy.length ? parsed.orderBy : [{ field: 'key', dir: 'asc' }];
  const keyOf = (issue, field) => {
    switch (field) {
      case 'updated': return issue.updated;
      case 'created': return issue.created;
      case 'summary': return issue.summary.toLowerCase();
      case 'priority': return Number(issue.priority.id);
      case 'status': return issue.status.name;
      default: return [Number(issue.projectId), issue.number];
    }
  };
  const cmp = (a, b) => {
    for (const o of order) {
      const x = keyOf(a, o.field);
      const y = keyOf(b, o.field);
      let c = 0;
      if (Array.isArray(x)) c = x[0] - y[0] || x[1] - y[1];
      else c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return o.dir === 'desc' ? -c : c;
    }
    return Number(a.id) - Number(b.id);
  };
  return issues.sort(cmp);
}

function searchJql(ctx, params) {
  const jql = params.jql ?? '';
  const fields = selectFields(params.fields, ['id']);
  const onlyIds = ![...fields].some((f) => f !== 'id' && f !== 'key');
  let maxResults = params.maxResults ?? 50;
  if (!Number.isInteger(maxResults) || maxResults < 1) throw new HttpError(400, jiraError('maxResults must be greater than 0.'));
  maxResults = Math.min(maxResults, onlyIds ? 5000 : 100);
  const jqlHash = shortHash(jql);
  let offset = 0;
  if (params.nextPageToken) {
    let token;
    try {
      token = JSON.parse(unb64url(params.nextPageToken));
    } catch {
      token = null;
    }
    if (!token || token.h !== jqlHash || !Number.isInteger(token.o) || token.o < 0) {
      throw new HttpError(400, jiraError('The provided next page token is invalid or expired.'));
    }
    offset = token.o;
  }
  const all = runJql(ctx, jql);
  const page = all.slice(offset, offset + maxResults);
  const expand = new Set(String(params.expand || '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  const out = { issues: page.map((i) => jiraIssue(ctx, i, fields, expand)) };
  const nextOffset = offset + page.length;
  if (nextOffset < all.length) {
    out.nextPageToken = b64url(JSON.stringify({ o: nextOffset, h: jqlHash, v: 1 }));
    out.isLast = false;
  } else {
    out.isLast = true;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dynamic webhook delivery (as Jira Cloud does for OAuth 2.0 apps' dynamic webhooks)
//
// An event (jira:issue_created from POST /issue, comment_created from POST /issue/{key}/comment;
// the fake has no issue edit, so jira:issue_updated is never sent) is matched against every stored,
// unexpired webhook listing the event whose jqlFilter matches the issue (evaluated as the user
// who registered it; an empty filter matches everything). Each match gives one POST of its own
// (matchedWebhookIds = [that id]) to the webhook's url, sent after the API answer has gone out,
// with up to WEBHOOK_ATTEMPTS attempts WEBHOOK_RETRY_MS apart on connection errors, timeouts
// (WEBHOOK_TIMEOUT_MS) and non-2xx answers. Every attempt is recorded for GET /__test/deliveries.

const WEBHOOK_JWT_SECRET = env.ATL_WEBHOOK_JWT_SECRET || '';
const WEBHOOK_JWT_ISSUER = env.ATL_WEBHOOK_JWT_ISSUER || 'ucf-fake-jira';
const WEBHOOK_HMAC_SECRET = env.ATL_WEBHOOK_HMAC_SECRET || '';
const WEBHOOK_ATTEMPTS = 3;
const WEBHOOK_RETRY_MS = 1000;
const WEBHOOK_TIMEOUT_MS = 5000;
const WEBHOOK_JWT_TTL_S = 180;

let deliveries = [];
let deliveryGeneration = 0; // bumped by POST /__test/reset: pending retries of older ones stop
let nextDeliveryId = 1;

function resetDeliveries() {
  deliveries = [];
  deliveryGeneration += 1;
}

// HS256 JWT like the one Jira puts in `Authorization: Bearer` of an OAuth 2.0 app's webhook,
// signed with the app's client secret.
function webhookJwt(accountId) {
  const iat = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: WEBHOOK_JWT_ISSUER, iat, exp: iat + WEBHOOK_JWT_TTL_S, sub: accountId, context: {} }));
  const signature = crypto.createHmac('sha256', WEBHOOK_JWT_SECRET).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

function webhookMatches(webhook, issue, event, now) {
  if (!webhook.events.includes(event)) return false;
  if (webhook.expirationDate <= now) return false;
  const filter = String(webhook.jqlFilter ?? '').trim();
  if (!filter) return true;
  try {
    const parsed = parseJql(filter);
    const owner = (webhook.ownerAccountId && userById(webhook.ownerAccountId)) || defaultUser();
    return parsed.clauses.every((c) => issueMatches(issue, c, { user: owner }, now));
  } catch (e) {
    if (!(e instanceof JqlError)) throw e;
    console.error(`[atlassian fake] webhook ${webhook.id}: jqlFilter ${JSON.stringify(filter)} not evaluated: ${e.message}`);
    return false;
  }
}

// Site-form links (as Jira's payloads carry), independent of the URL form of the triggering call.
function webhookCtx(user) {
  const origin = config.jiraPublicUrl || config.ownUrl;
  return { product: 'jira', gateway: false, publicOrigin: origin, publicBase: origin, user };
}

function webhookUser(wctx, accountId) {
  const u = jiraUserDetails(wctx, accountId);
  if (u) delete u.emailAddress; // Jira leaves e-mail addresses out of webhook payloads
  return u;
}

function webhookIssue(wctx, issue, full) {
  const names = full ? NAVIGABLE : ['summary', 'status', 'priority', 'issuetype', 'assignee', 'project'];
  const fields = {};
  for (const f of names) {
    const v = issueFieldValue(wctx, issue, f);
    if (v !== undefined) fields[f] = v;
  }
  return { id: issue.id, self: `${jiraBase(wctx)}/rest/api/3/issue/${issue.id}`, key: issue.key, fields };
}

// Queues the deliveries of `event` for `issue` (and `comment`); they start once `res` is finished.
function fireWebhooks(ctx, res, event, issue, comment = null) {
  const now = Date.now();
  const matched = state.webhooks.filter((w) => webhookMatches(w, issue, event, now));
  if (matched.length === 0) return;
  const wctx = webhookCtx(ctx.user);
  const base = {
    timestamp: now,
    webhookEvent: event,
    issue_event_type_name: event === 'comment_created' ? 'issue_commented' : 'issue_created',
    user: webhookUser(wctx, ctx.user.accountId),
    issue: webhookIssue(wctx, issue, event !== 'comment_created'),
  };
  if (comment) base.comment = jiraComment(wctx, issue, comment);
  const generation = deliveryGeneration;
  const jobs = matched.map((w) => {
    const record = {
      id: nextDeliveryId++,
      webhookId: w.id,
      url: w.url,
      event,
      issueKey: issue.key,
      commentId: comment ? comment.id : null,
      state: 'pending',
      status: null,
      attempts: 0,
      delivered_at: null,
      error: null,
      created_at: new Date(now).toISOString(),
      history: [],
    };
    deliveries.push(record);
    const body = JSON.stringify({ ...base, matchedWebhookIds: [w.id] });
    return { record, body, identifier: crypto.randomUUID() };
  });
  const start = () => {
    for (const job of jobs) {
      deliver(job, ctx.user.accountId, generation).catch((e) => console.error(`[atlassian fake] webhook delivery crashed: ${e.stack || e}`));
    }
  };
  if (res.writableFinished) setImmediate(start);
  else res.once('finish', () => setImmediate(start));
}

async function deliver({ record, body, identifier }, accountId, generation) {
  for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt += 1) {
    if (generation !== deliveryGeneration) return;
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Atlassian Webhook HTTP Client',
      'X-Atlassian-Webhook-Identifier': identifier,
    };
    if (attempt > 1) headers['X-Atlassian-Webhook-Retry'] = String(attempt - 1);
    if (WEBHOOK_JWT_SECRET) headers.Authorization = `Bearer ${webhookJwt(accountId)}`;
    if (WEBHOOK_HMAC_SECRET) headers['X-Hub-Signature'] = `sha256=${crypto.createHmac('sha256', WEBHOOK_HMAC_SECRET).update(body, 'utf8').digest('hex')}`;
    const started = Date.now();
    let status = null;
    let error = null;
    try {
      const response = await fetch(record.url, {
        method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => null);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      error = e.cause ? `${e.message}: ${e.cause.code || e.cause.message || e.cause}` : String(e.message || e);
    }
    if (generation !== deliveryGeneration) return;
    record.attempts = attempt;
    record.status = status;
    record.error = error;
    record.history.push({ attempt, at: new Date(started).toISOString(), status, error, duration_ms: Date.now() - started });
    if (!error) {
      record.state = 'delivered';
      record.delivered_at = new Date().toISOString();
      return;
    }
    if (attempt < WEBHOOK_ATTEMPTS) await sleep(WEBHOOK_RETRY_MS);
  }
  record.state = 'failed';
}

// ---------------------------------------------------------------------------------------------
// Jira routes

function pageUrl(ctx, path, q, overrides) {
  const params = new URLSearchParams(q);
  for (const [k, v] of Object.entries(overrides)) params.set(k, String(v));
  return `${jiraBase(ctx)}${path}?${params.toString()}`;
}

async function jiraRoute(ctx, req, res, sub, q) {
  const method = req.method;
  let m;
  if (sub === '/project/search' && method === 'GET') {
    const startAt = intParam(ctx, q, 'startAt', 0);
    let maxResults = intParam(ctx, q, 'maxResults', 50);
    if (maxResults > 100) maxResults = 100;
    const expand = new Set(listParam(q, 'expand').map((s) => s.toLowerCase()));
    let projects = [...state.projects];
    const ids = listParam(q, 'id');
    if (ids.length) projects = projects.filter((p) => ids.includes(p.id));
    const keys = listParam(q, 'keys').map((k) => k.toUpperCase());
    if (keys.length) projects = projects.filter((p) => keys.includes(p.key));
    const query = (q.get('query') || '').toLowerCase();
    if (query) projects = projects.filter((p) => p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query));
    const types = listParam(q, 'typeKey');
    if (types.length) projects = projects.filter((p) => types.includes(p.type));
    const orderBy = q.get('orderBy') || 'key';
    const desc = orderBy.startsWith('-');
    const field = orderBy.replace(/^[-+]/, '');
    const val = (p) => {
      if (field === 'name') return p.name.toLowerCase();
      if (field === 'issueCount') return state.issues.filter((i) => i.projectId === p.id).length;
      if (field === 'lastIssueUpdatedDate') return state.issues.filter((i) => i.projectId === p.id).reduce((a, i) => Math.max(a, i.updated), 0);
      if (field === 'owner') return state.users[p.lead].displayName;
      if (field === 'category') return p.type;
      return p.key;
    };
    projects.sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const c = x < y ? -1 : x > y ? 1 : (a.key < b.key ? -1 : 1);
      return desc ? -c : c;
    });
    const values = projects.slice(startAt, startAt + maxResults);
    const isLast = startAt + values.length >= projects.length;
    const out = {
      self: pageUrl(ctx, '/rest/api/3/project/search', q, { startAt, maxResults }),
      maxResults,
      startAt,
      total: projects.length,
      isLast,
      values: values.map((p) => jiraProject(ctx, p, expand)),
    };
    if (!isLast) out.nextPage = pageUrl(ctx, '/rest/api/3/project/search', q, { startAt: startAt + values.length, maxResults });
    return send(res, 200, out);
  }
  if (sub === '/search/jql' && (method === 'GET' || method === 'POST')) {
    let params;
    if (method === 'GET') {
      params = {
        jql: q.get('jql') ?? '',
        nextPageToken: q.get('nextPageToken') || undefined,
        maxResults: q.has('maxResults') ? intParam(ctx, q, 'maxResults', 50, { min: -1e9 }) : undefined,
        fields: listParam(q, 'fields'),
        expand: q.get('expand') || '',
      };
    } else {
      const body = parseJsonBody(ctx, await readBody(req));
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(ctx, 'The request body must be a JSON object.');
      params = {
        jql: body.jql ?? '',
        nextPageToken: body.nextPageToken || undefined,
        maxResults: body.maxResults,
        fields: Array.isArray(body.fields) ? body.fields.flatMap((f) => String(f).split(',')).map((s) => s.trim()).filter(Boolean) : [],
        expand: Array.isArray(body.expand) ? body.expand.join(',') : (body.expand || ''),
      };
    }
    return send(res, 200, searchJql(ctx, params));
  }
  if ((m = /^\/issue\/([^/]+)$/.exec(sub)) && method === 'GET') {
    const issue = findIssue(m[1]);
    if (!issue) throw notFound(ctx, 'Issue does not exist or you do not have permission to see it.');
    const fields = selectFields(listParam(q, 'fields'), ['*all']);
    const expand = new Set(listParam(q, 'expand').map((s) => s.toLowerCase()));
    return send(res, 200, jiraIssue(ctx, issue, fields, expand));
  }
  if ((m = /^\/issue\/([^/]+)\/comment$/.exec(sub))) {
    const issue = findIssue(m[1]);
    if (method === 'GET') {
      if (!issue) throw notFound(ctx, 'Issue does not exist or you do not have permission to see it.');
      const startAt = intParam(ctx, q, 'startAt', 0);
      const maxResults = Math.min(intParam(ctx, q, 'maxResults', 100), 5000);
      let list = [...(state.comments.get(issue.id) || [])];
      const orderBy = q.get('orderBy') || 'created';
      list.sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
      if (orderBy === '-created') list = list.reverse();
      const page = list.slice(startAt, startAt + maxResults);
      return send(res, 200, {
        startAt,
        maxResults,
        total: list.length,
        comments: page.map((c) => jiraComment(ctx, issue, c)),
      });
    }
    if (method === 'POST') {
      const body = parseJsonBody(ctx, await readBody(req));
      if (!issue) throw notFound(ctx, 'Issue does not exist or you do not have permission to see it.');
      const doc = body?.body;
      if (!doc || typeof doc !== 'object' || doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) {
        throw new HttpError(400, jiraError([], { comment: 'Comment body is not valid! Operation value must be an Atlassian Document (see the Atlassian Document Format).' }));
      }
      const now = Date.now();
      const c = { id: String(state.next.commentId), author: ctx.user.accountId, updateAuthor: ctx.user.accountId, body: doc, created: now, updated: now };
      state.next.commentId += 1;
      if (!state.comments.has(issue.id)) state.comments.set(issue.id, []);
      state.comments.get(issue.id).push(c);
      issue.updated = now;
      const out = jiraComment(ctx, issue, c);
      if (body.visibility) out.visibility = body.visibility;
      fireWebhooks(ctx, res, 'comment_created', issue, c);
      return send(res, 201, out);
    }
  }
  if (sub === '/issue' && method === 'POST') {
    const body = parseJsonBody(ctx, await readBody(req));
    const f = body?.fields || {};
    const errors = {};
    const project = f.project ? findProject(f.project.id || f.project.key || '') : null;
    if (!project) errors.project = 'Specify a valid project ID or key';
    if (typeof f.summary !== 'string' || !f.summary.trim()) errors.summary = 'You must specify a summary of the issue.';
    else if (f.summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    const type = f.issuetype
      ? Object.values(ISSUE_TYPES).find((t) => t.id === f.issuetype.id || (f.issuetype.name && t.name.toLowerCase() === String(f.issuetype.name).toLowerCase()))
      : null;
    if (!type) errors.issuetype = 'Specify an issue type';
    let description = null;
    if (f.description !== undefined && f.description !== null) {
      if (typeof f.description !== 'object' || f.description.type !== 'doc' || f.description.version !== 1) {
        errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
      } else {
        description = f.description;
      }
    }
    let parent = null;
    if (f.parent) {
      const p = findIssue(String(f.parent.key || f.parent.id || ''));
      if (!p) errors.parent = 'Could not find issue by id or key.';
      else parent = p.key;
    }
    if (Object.keys(errors).length) throw new HttpError(400, jiraError([], errors));
    const number = state.issues.filter((i) => i.projectId === project.id).reduce((a, i) => Math.max(a, i.number), 0) + 1;
    const now = Date.now();
    const issue = {
      id: String(state.next.issueId),
      key: `${project.key}-${number}`,
      projectId: project.id,
      number,
      summary: f.summary,
      type,
      status: STATUSES[0],
      priority: PRIORITIES[1],
      reporter: ctx.user.accountId,
      creator: ctx.user.accountId,
      assignee: f.assignee?.accountId && userById(f.assignee.accountId) ? f.assignee.accountId : null,
      created: now,
      updated: now,
      labels: Array.isArray(f.labels) ? f.labels.map(String) : [],
      parent,
      description,
    };
    state.next.issueId += 1;
    state.issues.push(issue);
    state.comments.set(issue.id, []);
    fireWebhooks(ctx, res, 'jira:issue_created', issue);
    return send(res, 201, { id: issue.id, key: issue.key, self: `${jiraBase(ctx)}/rest/api/3/issue/${issue.id}` });
  }
  if (sub === '/myself' && method === 'GET') {
    const out = jiraUser(ctx, ctx.user);
    out.expand = 'groups,applicationRoles';
    out.groups = { size: 2, items: [] };
    out.applicationRoles = { size: 1, items: [] };
    return send(res, 200, out);
  }
  if (sub === '/webhook') {
    if (method === 'POST') {
      const body = parseJsonBody(ctx, await readBody(req));
      if (typeof body?.url !== 'string' || !Array.isArray(body?.webhooks)) {
        throw new HttpError(400, jiraError('Webhook registration requires url and webhooks.'));
      }
      const results = body.webhooks.map((w) => {
        try {
          if (typeof w.jqlFilter !== 'string' || !w.jqlFilter.trim()) return { errors: ['The JQL filter is required.'] };
          const parsed = parseJql(w.jqlFilter);
          if (parsed.clauses.length === 0) return { errors: ['Unbounded JQL queries are not allowed for webhooks.'] };
          if (!Array.isArray(w.events) || w.events.length === 0) return { errors: ['At least one event is required.'] };
        } catch (e) {
          return { errors: [e.message] };
        }
        const id = state.next.webhookId;
        state.next.webhookId += 1;
        state.webhooks.push({
          id,
          url: body.url,
          jqlFilter: w.jqlFilter,
          events: w.events,
          fieldIdsFilter: w.fieldIdsFilter,
          issuePropertyKeysFilter: w.issuePropertyKeysFilter,
          expirationDate: Date.now() + 30 * 24 * 3600 * 1000,
          owner: ctx.authLabel,
          ownerAccountId: ctx.user.accountId,
        });
        return { createdWebhookId: id };
      });
      return send(res, 200, { webhookRegistrationResult: results });
    }
    if (method === 'GET') {
      const startAt = intParam(ctx, q, 'startAt', 0);
      const maxResults = Math.min(intParam(ctx, q, 'maxResults', 100), 100);
      const mine = state.webhooks;
      const values = mine.slice(startAt, startAt + maxResults).map((w) => {
        const o = { id: w.id, jqlFilter: w.jqlFilter, events: w.events, expirationDate: w.expirationDate, url: w.url };
        if (w.fieldIdsFilter) o.fieldIdsFilter = w.fieldIdsFilter;
        if (w.issuePropertyKeysFilter) o.issuePropertyKeysFilter = w.issuePropertyKeysFilter;
        return o;
      });
      const isLast = startAt + values.length >= mine.length;
      const out = {
        self: pageUrl(ctx, '/rest/api/3/webhook', q, { startAt, maxResults }),
        maxResults,
        startAt,
        total: mine.length,
        isLast,
        values,
      };
      if (!isLast) out.nextPage = pageUrl(ctx, '/rest/api/3/webhook', q, { startAt: startAt + values.length, maxResults });
      return send(res, 200, out);
    }
    if (method === 'DELETE') {
      const body = parseJsonBody(ctx, await readBody(req));
      if (!Array.isArray(body?.webhookIds)) throw new HttpError(400, jiraError('webhookIds is required.'));
      const ids = new Set(body.webhookIds.map(Number));
      state.webhooks = state.webhooks.filter((w) => !ids.has(w.id));
      return send(res, 202);
    }
  }
  if (sub === '/webhook/refresh' && method === 'PUT') {
    const body = parseJsonBody(ctx, await readBody(req));
    if (!Array.isArray(body?.webhookIds)) throw new HttpError(400, jiraError('webhookIds is required.'));
    const expirationDate = Date.now() + 30 * 24 * 3600 * 1000;
    const ids = new Set(body.webhookIds.map(Number));
    for (const w of state.webhooks) if (ids.has(w.id)) w.expirationDate = expirationDate;
    return send(res, 200, { expirationDate });
  }
  throw new HttpError(501, jiraError(`Not implemented by the fake Jira (tests/peers/atlassian): ${method} /rest/api/3${sub}`));
}

// ---------------------------------------------------------------------------------------------
// Confluence representations and routes

function confluenceBase(ctx) {
  return ctx.gateway ? `${ctx.site.url}/wiki` : `${ctx.publicOrigin}/wiki`;
}

function spaceJson(ctx, space, q) {
  const out = {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt: confluenceTime(space.createdAt),
    homepageId: space.homepageId,
    spaceOwnerId: space.authorId,
    currentActiveAlias: space.key,
    _links: { webui: `/spaces/${encodeURIComponent(space.key)}` },
  };
  const fmt = q.get('description-format');
  if (fmt === 'plain') out.description = { plain: { representation: 'plain', value: space.description } };
  if (fmt === 'view') out.description = { view: { representation: 'view', value: `<p>${space.description}</p>` } };
  if (q.get('include-icon') === 'true') {
    out.icon = { path: `/wiki/download/attachments/${space.homepageId}/space-icon.png`, apiDownloadLink: `/wiki/rest/api/content/${space.homepageId}/child/attachment` };
  }
  return out;
}

function bodyOf(storage, format) {
  if (format === 'storage') return { storage: { representation: 'storage', value: storage } };
  if (format === 'atlas_doc_format') return { atlas_doc_format: { representation: 'atlas_doc_format', value: JSON.stringify(storageToAdf(storage)) } };
  if (format === 'view' || format === 'export_view' || format === 'styled_view') {
    return { [format]: { representation: format, value: storage.replace(/<ac:[^>]*>|<\/ac:[^>]*>|<ri:[^>]*>/g, '') } };
  }
  return {};
}

function versionJson(v) {
  return { createdAt: confluenceTime(v.createdAt), message: v.message, number: v.number, minorEdit: false, authorId: v.authorId };
}

function pageJson(ctx, page, format, single = false) {
  const space = state.spaces.find((s) => s.id === page.spaceId);
  const out = {
    id: page.id,
    status: page.status,
    title: page.title,
    spaceId: page.spaceId,
    position: page.position,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: confluenceTime(page.createdAt),
    version: versionJson(page.version),
    body: bodyOf(page.storage, format),
    _links: {
      webui: pageWebui(space, page),
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: `/x/${Buffer.from(page.id).toString('base64url').slice(0, 6)}`,
    },
  };
  if (page.parentId) {
    out.parentId = page.parentId;
    out.parentType = 'page';
  }
  if (!single) out.subtype = null;
  if (single) out._links.base = confluenceBase(ctx);
  return out;
}

function commentJson(ctx, c, format, single = false) {
  const page = state.pages.find((p) => p.id === c.pageId);
  const space = state.spaces.find((s) => s.id === page.spaceId);
  const out = {
    id: c.id,
    status: c.status,
    title: `Re: ${page.title}`,
    pageId: c.pageId,
    version: versionJson(c.version),
    body: bodyOf(c.storage, format),
    _links: { webui: `${pageWebui(space, page)}?focusedCommentId=${c.id}#comment-${c.id}` },
  };
  if (single) out._links.base = confluenceBase(ctx);
  return out;
}

// Cursor paging shared by all list operations: `_links.next` and the Link header carry a relative
// /wiki/api/v2 URL (also through the gateway, as Atlassian does), `_links.base` the site.
function cursorPage(ctx, res, sub, q, items, render) {
  const limit = Math.min(intParam(ctx, q, 'limit', 25, { min: 1 }), 250);
  const filterKey = shortHash(`${sub}?${[...q.entries()].filter(([k]) => k !== 'cursor' && k !== 'limit').sort().map(([k, v]) => `${k}=${v}`).join('&')}`);
  let offset = 0;
  const cursor = q.get('cursor');
  if (cursor) {
    let c;
    try {
      c = JSON.parse(unb64url(cursor));
    } catch {
      c = null;
    }
    if (!c || c.f !== filterKey || !Number.isInteger(c.o) || c.o < 0) {
      throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'Invalid cursor', 'The cursor is invalid or does not belong to this request.'));
    }
    offset = c.o;
  }
  const page = items.slice(offset, offset + limit);
  const out = { results: page.map(render), _links: {} };
  const headers = {};
  const base = confluenceBase(ctx);
  if (offset + page.length < items.length) {
    const params = new URLSearchParams(q);
    params.delete('cursor');
    params.set('limit', String(limit));
    params.set('cursor', b64url(JSON.stringify({ o: offset + page.length, f: filterKey })));
    const next = `/wiki/api/v2${sub}?${params.toString()}`;
    out._links.next = next;
    headers.Link = `<${next}>; rel="next", <${base}>; rel="base"`;
  } else {
    headers.Link = `<${base}>; rel="base"`;
  }
  out._links.base = base;
  return send(res, 200, out, headers);
}

function idParam(ctx, raw) {
  if (!/^\d+$/.test(raw)) throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', `Invalid id: '${decodeURIComponent(raw)}'`));
  return raw;
}

function sortPages(list, sort) {
  const key = (sort || 'id').replace(/^-/, '');
  const desc = (sort || '').startsWith('-');
  const val = (p) => {
    if (key === 'title') return p.title.toLowerCase();
    if (key === 'created-date') return p.createdAt;
    if (key === 'modified-date') return p.version.createdAt;
    return Number(p.id);
  };
  list.sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id);
    return desc ? -c : c;
  });
  return list;
}

function filterPages(q, list) {
  let out = list;
  const ids = listParam(q, 'id');
  if (ids.length) out = out.filter((p) => ids.includes(p.id));
  const title = q.get('title');
  if (title !== null) out = out.filter((p) => p.title === title);
  const statuses = listParam(q, 'status');
  out = out.filter((p) => (statuses.length ? statuses.includes(p.status) : ['current', 'archived'].includes(p.status)));
  return sortPages([...out], q.get('sort'));
}

async function confluenceRoute(ctx, req, res, sub, q) {
  const method = req.method;
  let m;
  if (sub === '/spaces' && method === 'GET') {
    let spaces = [...state.spaces];
    const ids = listParam(q, 'ids');
    if (ids.length) spaces = spaces.filter((s) => ids.includes(s.id));
    const keys = listParam(q, 'keys');
    if (keys.length) spaces = spaces.filter((s) => keys.includes(s.key));
    if (q.get('type')) spaces = spaces.filter((s) => s.type === q.get('type'));
    if (q.get('status')) spaces = spaces.filter((s) => s.status === q.get('status'));
    const sort = q.get('sort') || 'id';
    const key = sort.replace(/^-/, '');
    spaces.sort((a, b) => {
      const x = key === 'id' ? Number(a.id) : String(a[key]).toLowerCase();
      const y = key === 'id' ? Number(b.id) : String(b[key]).toLowerCase();
      const c = x < y ? -1 : x > y ? 1 : 0;
      return sort.startsWith('-') ? -c : c;
    });
    return cursorPage(ctx, res, sub, q, spaces, (s) => spaceJson(ctx, s, q));
  }
  if ((m = /^\/spaces\/([^/]+)$/.exec(sub)) && method === 'GET') {
    const id = idParam(ctx, m[1]);
    const space = state.spaces.find((s) => s.id === id);
    if (!space) throw notFound(ctx, null);
    return send(res, 200, spaceJson(ctx, space, q));
  }
  if ((m = /^\/spaces\/([^/]+)\/pages$/.exec(sub)) && method === 'GET') {
    const id = idParam(ctx, m[1]);
    const space = state.spaces.find((s) => s.id === id);
    if (!space) throw notFound(ctx, null);
    let pages = state.pages.filter((p) => p.spaceId === id);
    if (q.get('depth') === 'root') pages = pages.filter((p) => !p.parentId);
    pages = filterPages(q, pages);
    const format = q.get('body-format');
    return cursorPage(ctx, res, sub, q, pages, (p) => pageJson(ctx, p, format));
  }
  if (sub === '/pages' && method === 'GET') {
    let pages = state.pages;
    const spaceIds = listParam(q, 'space-id');
    if (spaceIds.length) pages = pages.filter((p) => spaceIds.includes(p.spaceId));
    pages = filterPages(q, pages);
    const format = q.get('body-format');
    return cursorPage(ctx, res, sub, q, pages, (p) => pageJson(ctx, p, format));
  }
  if ((m = /^\/pages\/([^/]+)$/.exec(sub)) && method === 'GET') {
    const id = idParam(ctx, m[1]);
    const page = state.pages.find((p) => p.id === id);
    if (!page) throw notFound(ctx, null);
    return send(res, 200, pageJson(ctx, page, q.get('body-format'), true));
  }
  if ((m = /^\/pages\/([^/]+)\/footer-comments$/.exec(sub)) && method === 'GET') {
    const id = idParam(ctx, m[1]);
    const page = state.pages.find((p) => p.id === id);
    if (!page) throw notFound(ctx, null);
    const list = [...(state.footerComments.get(id) || [])];
    const sort = q.get('sort') || 'created-date';
    const key = sort.replace(/^-/, '') === 'modified-date' ? (c) => c.version.createdAt : (c) => c.createdAt;
    list.sort((a, b) => key(a) - key(b) || Number(a.id) - Number(b.id));
    if (sort.startsWith('-')) list.reverse();
    const format = q.get('body-format');
    return cursorPage(ctx, res, sub, q, list, (c) => commentJson(ctx, c, format));
  }
  if (sub === '/pages' && method === 'POST') {
    const body = parseJsonBody(ctx, await readBody(req));
    const space = state.spaces.find((s) => s.id === String(body?.spaceId ?? ''));
    if (!space) throw new HttpError(404, confluenceError(404, 'NOT_FOUND', 'Not Found', `No space with id ${body?.spaceId}`));
    const status = body.status || 'current';
    if (status !== 'draft' && (typeof body.title !== 'string' || !body.title.trim())) {
      throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'Title is required for a published page'));
    }
    if (state.pages.some((p) => p.spaceId === space.id && p.title === body.title && p.status === 'current')) {
      throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'A page with this title already exists: A page already exists with the same TITLE in this space'));
    }
    let parentId = body.parentId ? String(body.parentId) : null;
    if (parentId && !state.pages.some((p) => p.id === parentId && p.spaceId === space.id)) {
      throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', `Invalid parent id ${parentId}`));
    }
    if (!parentId && q.get('root-level') !== 'true') parentId = space.homepageId;
    const b = body.body || {};
    const rep = b.representation ? b : (b.storage || b.atlas_doc_format || b.wiki || { representation: 'storage', value: '' });
    let storage = '';
    if (rep.representation === 'storage' || rep.representation === 'wiki') storage = String(rep.value ?? '');
    else if (rep.representation === 'atlas_doc_format') {
      try {
        storage = `<p>${adfText(JSON.parse(rep.value))}</p>`;
      } catch {
        throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'Invalid atlas_doc_format body'));
      }
    }
    const now = Date.now();
    const page = {
      id: String(state.next.pageId),
      spaceId: space.id,
      title: body.title || '',
      parentId,
      position: state.pages.filter((p) => p.parentId === parentId).length * 100 + 100,
      status,
      authorId: ctx.user.accountId,
      ownerId: ctx.user.accountId,
      createdAt: now,
      version: { number: 1, createdAt: now, authorId: ctx.user.accountId, message: '' },
      storage,
    };
    state.next.pageId += 1;
    state.pages.push(page);
    state.footerComments.set(page.id, []);
    return send(res, 200, pageJson(ctx, page, 'storage', true));
  }
  if (sub === '/footer-comments' && method === 'POST') {
    const body = parseJsonBody(ctx, await readBody(req));
    if (!body?.pageId) throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'pageId is required (blog posts, attachments and replies are not supported by the fake)'));
    const page = state.pages.find((p) => p.id === String(body.pageId));
    if (!page) throw new HttpError(404, confluenceError(404, 'NOT_FOUND', 'Not Found', `No page with id ${body.pageId}`));
    const b = body.body || {};
    const rep = b.representation ? b : (b.storage || b.atlas_doc_format || b.wiki);
    if (!rep || typeof rep.value !== 'string' || !rep.value.trim()) {
      throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'Comment body is required'));
    }
    let storage = rep.value;
    if (rep.representation === 'atlas_doc_format') {
      try {
        storage = `<p>${adfText(JSON.parse(rep.value))}</p>`;
      } catch {
        throw new HttpError(400, confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'Invalid atlas_doc_format body'));
      }
    }
    const now = Date.now();
    const c = {
      id: String(state.next.footerCommentId),
      pageId: page.id,
      status: 'current',
      authorId: ctx.user.accountId,
      createdAt: now,
      version: { number: 1, createdAt: now, authorId: ctx.user.accountId, message: '' },
      storage,
    };
    state.next.footerCommentId += 1;
    if (!state.footerComments.has(page.id)) state.footerComments.set(page.id, []);
    state.footerComments.get(page.id).push(c);
    const location = `${ctx.gateway ? `${ctx.publicOrigin}/ex/confluence/${ctx.cloudId}` : ctx.publicOrigin}/wiki/api/v2/footer-comments/${c.id}`;
    return send(res, 201, commentJson(ctx, c, 'storage', true), { Location: location });
  }
  throw new HttpError(501, confluenceError(501, 'NOT_IMPLEMENTED', 'Not Implemented', `Not implemented by the fake Confluence (tests/peers/atlassian): ${method} /wiki/api/v2${sub}`));
}

// ---------------------------------------------------------------------------------------------
// Faults, stats and the test routes

function faultBody(ctx, status) {
  if (status === 401 && ctx.gateway) return GATEWAY_401;
  if (ctx.gateway && status === 429) return { code: 429, message: 'Rate limit exceeded' };
  const titles = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  };
  const title = titles[status] || 'Error';
  if (ctx.product === 'jira') {
    if (status === 401) return jiraError('Client must be authenticated to access this resource.');
    if (status === 429) return jiraError('Rate limit exceeded.');
    return jiraError(`${title} (injected by the fake)`);
  }
  return confluenceError(status, title.toUpperCase().replace(/ /g, '_'), title, 'injected by the fake');
}

function takeFault(method, path, innerPath) {
  const index = faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method)
    && (path.startsWith(f.path_prefix) || innerPath.startsWith(f.path_prefix)));
  if (index < 0) return null;
  const fault = faults[index];
  fault.count -= 1;
  if (fault.count <= 0) faults.splice(index, 1);
  return fault;
}

async function serveFault(ctx, res, fault) {
  stats.faults_served += 1;
  if (fault.delay_ms) await sleep(fault.delay_ms);
  const headers = {};
  if (fault.status === 429) {
    headers['Retry-After'] = '1';
    headers['X-RateLimit-Limit'] = '100';
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset'] = new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    headers['RateLimit-Reason'] = 'jira-burst-based';
  }
  for (const [k, v] of Object.entries(fault.headers || {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    if (v !== null) headers[k] = String(v);
  }
  const body = fault.body !== undefined ? fault.body : faultBody(ctx, fault.status);
  send(res, fault.status, body, headers);
}

function siteInfo() {
  return SITES.map((s) => ({ id: s.id, url: s.url, name: s.name, scopes: s.scopes, avatarUrl: s.avatarUrl }));
}

async function testRoute(req, res, path) {
  const method = req.method;
  const body = async () => {
    const raw = await readBody(req);
    if (!raw) return {};
    return JSON.parse(raw);
  };
  if (path === '/__test/faults' && method === 'POST') {
    let input;
    try {
      input = await body();
    } catch (e) {
      return send(res, 400, { error: `invalid JSON: ${e.message}` });
    }
    const list = Array.isArray(input) ? input : [input];
    for (const f of list) {
      const status = Number(f.status);
      if (!Number.isInteger(status) || status < 100 || status > 599) return send(res, 400, { error: 'status must be an HTTP status code' });
      faults.push({
        path_prefix: String(f.path_prefix ?? ''),
        method: f.method ? String(f.method) : null,
        status,
        count: Number.isInteger(f.count) && f.count > 0 ? f.count : 1,
        headers: f.headers || {},
        body: f.body,
        delay_ms: Number(f.delay_ms || 0),
      });
    }
    return send(res, 201, { faults });
  }
  if (path === '/__test/faults' && method === 'GET') return send(res, 200, { faults });
  if (path === '/__test/faults' && method === 'DELETE') {
    faults = [];
    return send(res, 204);
  }
  if (path === '/__test/stats' && method === 'GET') return send(res, 200, stats);
  if (path === '/__test/deliveries' && method === 'GET') return send(res, 200, deliveries);
  if (path === '/__test/reset' && method === 'POST') {
    let input = {};
    try {
      input = await body();
    } catch {
      input = {};
    }
    resetStats();
    faults = [];
    resetDeliveries();
    if (!input.keep_data) state = seed();
    return send(res, 204);
  }
  if (path === '/__test/config' && method === 'POST') {
    let input;
    try {
      input = await body();
    } catch (e) {
      return send(res, 400, { error: `invalid JSON: ${e.message}` });
    }
    if (typeof input.jira_public_url === 'string') config.jiraPublicUrl = input.jira_public_url.replace(/\/$/, '');
    if (typeof input.confluence_public_url === 'string') config.confluencePublicUrl = input.confluence_public_url.replace(/\/$/, '');
    if (input.latency_ms !== undefined) config.latencyMs = Number(input.latency_ms) || 0;
    return send(res, 200, { jira_public_url: config.jiraPublicUrl || config.ownUrl, confluence_public_url: config.confluencePublicUrl || config.ownUrl, latency_ms: config.latencyMs });
  }
  if (path === '/__test/info' && method === 'GET') {
    return send(res, 200, {
      credentials: CREDENTIALS.map((c) => ({ email: c.email, token: c.token, accountId: userForEmail(c.email).accountId })),
      bearer_tokens: [...STATIC_BEARERS],
      introspection: INTROSPECTION ? INTROSPECTION.url : null,
      sites: siteInfo(),
      users: state.users.map((u) => ({ accountId: u.accountId, displayName: u.displayName, email: u.email })),
      projects: state.projects.map((p) => ({ id: p.id, key: p.key, name: p.name, issues: state.issues.filter((i) => i.projectId === p.id).length })),
      spaces: state.spaces.map((s) => ({ id: s.id, key: s.key, name: s.name, homepageId: s.homepageId, pages: state.pages.filter((p) => p.spaceId === s.id).length })),
      webhooks: state.webhooks,
      webhook_signing: { jwt: !!WEBHOOK_JWT_SECRET, jwt_issuer: WEBHOOK_JWT_ISSUER, hmac: !!WEBHOOK_HMAC_SECRET },
      latency_ms: config.latencyMs,
    });
  }
  return send(res, 404, { error: `unknown test route ${method} ${path}` });
}

// ---------------------------------------------------------------------------------------------
// Dispatch

function classify(path) {
  let m;
  if ((m = /^\/ex\/jira\/([^/]+)(\/rest\/api\/3(\/.*)?)$/.exec(path))) {
    return { product: 'jira', gateway: true, cloudId: decodeURIComponent(m[1]), inner: m[2], sub: m[3] || '' };
  }
  if ((m = /^\/ex\/confluence\/([^/]+)(\/wiki\/api\/v2(\/.*)?)$/.exec(path))) {
    return { product: 'confluence', gateway: true, cloudId: decodeURIComponent(m[1]), inner: m[2], sub: m[3] || '' };
  }
  if ((m = /^\/ex\/(jira|confluence)\/([^/]+)(\/.*)?$/.exec(path))) {
    return { product: m[1], gateway: true, cloudId: decodeURIComponent(m[2]), inner: m[3] || '/', sub: null };
  }
  if ((m = /^(\/rest\/api\/3(\/.*)?)$/.exec(path))) return { product: 'jira', gateway: false, inner: m[1], sub: m[2] || '' };
  if ((m = /^(\/wiki\/api\/v2(\/.*)?)$/.exec(path))) return { product: 'confluence', gateway: false, inner: m[1], sub: m[2] || '' };
  return null;
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith('/__test/')) return testRoute(req, res, path);

  if (path === '/oauth/token/accessible-resources') {
    const ctx = { product: 'gateway', gateway: true, bearerOnly: true };
    return withAccounting(req, res, path, path, ctx, async () => {
      if (req.method !== 'GET') throw new HttpError(405, { code: 405, message: 'Method Not Allowed' });
      await authenticate(req, ctx);
      return send(res, 200, siteInfo(), { 'Content-Type': 'application/json' });
    });
  }

  const route = classify(path);
  if (!route) {
    return send(res, 404, { code: 404, message: `Not Found: ${path} (the fake serves /rest/api/3, /wiki/api/v2, /ex/{jira|confluence}/{cloudId}/..., /oauth/token/accessible-resources and /__test/)` });
  }
  const ctx = { ...route };
  return withAccounting(req, res, path, route.inner, ctx, async () => {
    if (ctx.gateway) {
      ctx.site = SITES.find((s) => s.id === ctx.cloudId);
      if (!ctx.site) throw new HttpError(404, { code: 404, message: `Site ${ctx.cloudId} not found` });
      if (ctx.sub === null) throw new HttpError(404, { code: 404, message: 'Not Found' });
    }
    const auth = await authenticate(req, ctx);
    ctx.user = auth.user;
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    ctx.publicOrigin = (ctx.product === 'jira' ? config.jiraPublicUrl : config.confluencePublicUrl) || config.ownUrl;
    ctx.publicBase = ctx.gateway ? `${ctx.publicOrigin}/ex/${ctx.product}/${encodeURIComponent(ctx.cloudId)}` : ctx.publicOrigin;
    if (ctx.product === 'jira') return jiraRoute(ctx, req, res, ctx.sub, url.searchParams);
    return confluenceRoute(ctx, req, res, ctx.sub, url.searchParams);
  });
}

async function withAccounting(req, res, path, innerPath, ctx, fn) {
  const label = authLabel(req.headers.authorization);
  ctx.authLabel = label;
  stats.requests += 1;
  stats.by_path[path] = (stats.by_path[path] || 0) + 1;
  const now = (inFlight.get(label) || 0) + 1;
  inFlight.set(label, now);
  stats.in_flight += 1;
  stats.max_concurrent_by_auth[label] = Math.max(stats.max_concurrent_by_auth[label] || 0, now);
  stats.max_concurrent = Math.max(stats.max_concurrent, now);
  const statsAtStart = stats; // a reset during the request must not corrupt the new counters
  res.on('finish', () => {
    if (statsAtStart !== stats) return;
    stats.by_status[res.statusCode] = (stats.by_status[res.statusCode] || 0) + 1;
  });
  try {
    const fault = takeFault(req.method, path, innerPath);
    if (fault) {
      await readBody(req).catch(() => '');
      return await serveFault(ctx, res, fault);
    }
    return await fn();
  } catch (e) {
    if (e instanceof HttpError) {
      if (!res.headersSent) send(res, e.status, e.body, e.headers);
      return undefined;
    }
    console.error(`[atlassian fake] ${req.method} ${req.url}: ${e.stack || e}`);
    if (!res.headersSent) send(res, 500, ctx.product === 'jira' ? jiraError('Internal server error') : confluenceError(500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error'));
    return undefined;
  } finally {
    if (statsAtStart === stats) {
      inFlight.set(label, (inFlight.get(label) || 1) - 1);
      stats.in_flight -= 1;
    }
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error(`[atlassian fake] ${e.stack || e}`);
    if (!res.headersSent) send(res, 500, { error: 'internal error' });
  });
});
server.keepAliveTimeout = 30_000;

server.listen(port, '127.0.0.1', () => {
  config.ownUrl = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`READY ${config.ownUrl}\n`);
});

endWith(serverStopper(server), {
  exitWithParent: env.ATL_EXIT_WITH_PARENT === '1',
  exitOnStdinClose: env.ATL_EXIT_ON_STDIN_CLOSE === '1',
});
