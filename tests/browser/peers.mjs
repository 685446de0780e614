// Starts what the dashboard test talks to: the oidc-provider peer, the fake Atlassian stack behind
// Prism (tests/peers), and a real `ucf serve` on a fresh data dir. Every child gets
// *_EXIT_WITH_PARENT so nothing outlives the test; stop() ends them by their own pids.
import { spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

export const PEER_CLIENT_ID = 'ucf-dashboard-client';
export const PEER_CLIENT_SECRET = 'dashboard peer secret';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Runs `cmd args`, resolves with {child, match} once `pattern` appears in stdout or stderr.
export function startUntil(name, cmd, args, env, pattern, timeoutMs, cwd = undefined) {
  return new Promise((resolve, reject) => {
    const merged = { ...process.env, ...env };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    const child = spawn(cmd, args, { cwd, env: merged, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${name} not ready in ${timeoutMs} ms:\n${output.slice(-4000)}`)); }, timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(pattern);
      if (m) { clearTimeout(timer); resolve({ child, match: m, output: () => output }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}):\n${output.slice(-4000)}`)); });
    child.output = () => output;
  });
}

export function stop(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // 15 s: a sanitized ucf runs LeakSanitizer at exit.
    const t = setTimeout(() => { try { child.kill('SIGKILL'); } catch {} resolve(); }, 15000);
    const done = () => { clearTimeout(t); resolve(); };
    child.once('close', done);  // its output read to the end…
    child.once('exit', () => setTimeout(done, 1000));  // …unless a grandchild holds the pipes
    try { child.kill('SIGTERM'); } catch { resolve(); }
  });
}

function provider(id, name, apiBase, fakeUrl, issuer, scopes, scopeContains) {
  return {
    id, displayName: name, description: 'The fake Atlassian upstream behind Prism (tests/peers/atlassian).',
    authMethods: ['oauth2', 'api_key'], apiBaseUrl: apiBase,
    urlParams: [{ name: 'site', description: 'The Atlassian site to connect when the account can reach several.',
      pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
      example: 'zoe-labs.atlassian.net', required: false }],
    oauth: { authorizeUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token`, revokeUrl: `${issuer}/token/revocation`,
      userinfoUrl: `${issuer}/me`, defaultScopes: scopes, scopeSeparator: ' ',
      extraAuthorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' }, pkce: true, clientAuth: 'basic',
      tokenRequestFormat: 'form', refreshTokens: true },
    postConnect: [{ type: 'atlassian_accessible_resources', url: `${fakeUrl}/oauth/token/accessible-resources`, scopeContains }],
  };
}

// The same catalog tests/support/atlassian_peer.cpp writes for the C++ suites.
export function catalogJson(atl, issuer) {
  return JSON.stringify({
    version: 1,
    providers: [
      provider('jira', 'Jira (test peer)', `${atl.jira}/ex/jira/{cloudId}`, atl.fake, issuer,
        ['openid', 'read:jira-work', 'write:jira-work', 'read:jira-user', 'manage:jira-webhook', 'offline_access'], 'jira'),
      provider('confluence', 'Confluence (test peer)', `${atl.confluence}/ex/confluence/{cloudId}`, atl.fake, issuer,
        ['openid', 'read:confluence-space.summary', 'read:confluence-content.all', 'write:confluence-content', 'offline_access'], 'confluence'),
    ],
  });
}

export async function startStack({ sourceDir, ucfBinary, workDir }) {
  const peers = path.join(sourceDir, 'tests', 'peers');
  const ucfPort = await freePort();
  const ucfUrl = `http://127.0.0.1:${ucfPort}`;
  const children = [];
  const oidc = await startUntil('oidc peer', process.execPath, [path.join(peers, 'oidc', 'server.mjs'), '0'], {
    OIDC_CLIENT_ID: PEER_CLIENT_ID, OIDC_CLIENT_SECRET: PEER_CLIENT_SECRET,
    OIDC_REDIRECT_URIS: `${ucfUrl}/oauth/callback`, OIDC_EXIT_WITH_PARENT: '1',
  }, /READY (http:\/\/\S+)/, 30000);
  children.push(oidc.child);
  const issuer = oidc.match[1];
  const atlStart = await startUntil('Atlassian peer', process.execPath, [path.join(peers, 'atlassian', 'start.mjs')], {
    ATL_EXIT_WITH_PARENT: '1', ATL_INTROSPECTION_URL: `${issuer}/token/introspection`,
    ATL_INTROSPECTION_CLIENT_ID: PEER_CLIENT_ID, ATL_INTROSPECTION_CLIENT_SECRET: PEER_CLIENT_SECRET,
  }, /READY (\{.*\})/, 120000).catch(async (e) => { await stop(oidc.child); throw e; });
  children.push(atlStart.child);
  const atl = JSON.parse(atlStart.match[1]);
  fs.mkdirSync(workDir, { recursive: true });
  const catalog = path.join(workDir, 'providers.json');
  fs.writeFileSync(catalog, catalogJson(atl, issuer));
  const dataDir = path.join(workDir, 'data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  // Started from another directory on purpose: the export is found beside the binary.
  const ucf = await startUntil('ucf serve', ucfBinary, ['serve', '--port', String(ucfPort), '--data-dir', dataDir], {
    UCF_PROVIDERS_FILE: catalog, UCF_ALLOW_PRIVATE_UPSTREAMS: 'true', UCF_ADMIN_TOKEN: undefined,
    // Found beside the binary (build/cli/ucf → web/out) when the build dir is the usual one.
    UCF_UI_DIR: path.resolve(ucfBinary, '..', '..', '..') === path.resolve(sourceDir) ? undefined : path.join(sourceDir, 'web', 'out'), LOG_LEVEL: 'warning',
  }, /Dashboard: (\S+)/, 30000, workDir).catch(async (e) => { for (const c of children) await stop(c); throw e; });
  children.push(ucf.child);
  return {
    ucfUrl, issuer, atl, dashboardLink: ucf.match[1], dataDir, ucf: ucf.child,
    async stopAll() { for (const c of children.reverse()) await stop(c); },
  };
}
