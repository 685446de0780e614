// The dashboard in a real browser (issue 11): playwright-core drives Debian's chromium against a
// real `ucf serve` with the fake Atlassian upstream (behind Prism) and the oidc-provider peer.
// Signs in from the printed link, connects Jira with a wrong then the right API token, connects
// Jira with OAuth through the provider's own login page (and the site choice), browses containers
// → items → comments, posts a comment, syncs and watches the job finish, revokes, and finds every
// step in the audit page. Every page is screenshotted at 1280 and 390 px (UCF_ARTIFACTS_DIR), its
// text checked for AA contrast, and any console error or failed request fails the run.
//
// Environment: UCF_SOURCE_DIR (repo), UCF_BINARY (the ucf binary), UCF_ARTIFACTS_DIR.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startStack, stop, PEER_CLIENT_ID, PEER_CLIENT_SECRET } from './peers.mjs';
import { contrastViolations } from './contrast.mjs';

const sourceDir = process.env.UCF_SOURCE_DIR ?? path.resolve(import.meta.dirname, '..', '..');
const ucfBinary = process.env.UCF_BINARY ?? path.join(sourceDir, 'build', 'cli', 'ucf');
const artifacts = process.env.UCF_ARTIFACTS_DIR ?? path.join(sourceDir, 'build', 'browser-artifacts');
const chromiumPath = process.env.UCF_CHROMIUM ?? '/usr/bin/chromium';
const require = createRequire(path.join(sourceDir, 'web', 'package.json'));

for (const [what, p] of [['chromium (scripts/packages.txt)', chromiumPath], ['the dashboard export (web/out; scripts/setup.sh builds it)', path.join(sourceDir, 'web', 'out', 'index.html')],
  ['playwright-core (npm ci in web/)', path.join(sourceDir, 'web', 'node_modules', 'playwright-core')], ['the ucf binary', ucfBinary]]) {
  if (!fs.existsSync(p)) { console.error(`missing ${what}: ${p}`); process.exit(1); }
}
const { chromium } = require('playwright-core');

const started = Date.now();
const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucf-dashboard-test-'));

const problems = [];       // console errors, failed requests, unexpected HTTP errors
let expected = [];         // [{status, url: RegExp}] answers a step provokes on purpose
const seen = [];           // what was allowed because a step expected it

let stack;
let browser;
let page;
try {
  log('starting peers and ucf serve');
  stack = await startStack({ sourceDir, ucfBinary, workDir });
  const base = stack.ucfUrl;
  log(`ucf at ${base}; dashboard link ${stack.dashboardLink.replace(/#token=.*/, '#token=…')}`);
  assert.match(stack.dashboardLink, /^http:\/\/127\.0\.0\.1:\d+\/ui\/#token=\S+$/);
  const adminToken = stack.dashboardLink.split('#token=')[1];

  // The server side of serving, checked over HTTP first.
  const rootHtml = await fetch(`${base}/`, { headers: { Accept: 'text/html' }, redirect: 'manual' });
  assert.equal(rootHtml.status, 302);
  assert.equal(rootHtml.headers.get('location'), '/ui/');
  const rootJson = await fetch(`${base}/`);
  assert.equal((await rootJson.json()).data.status, 'running');
  const index = await fetch(`${base}/ui/`);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-type'), /^text\/html/);
  const asset = (await index.text()).match(/\/ui\/(_next\/static\/[^"]+\.js)/);
  assert.ok(asset, 'the index page references hashed scripts');
  const js = await fetch(`${base}/ui/${asset[1]}`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  assert.match(js.headers.get('cache-control'), /immutable/);
  assert.equal((await fetch(`${base}/ui/%2e%2e/%2e%2e/etc/passwd`)).status, 404);

  async function adminApi(method, p, body) {
    const r = await fetch(`${base}${p}`, { method, headers: { Authorization: `Bearer ${adminToken}`, 'X-Tenant-Id': 'acme', 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return r.json();
  }

  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20000);
  const isExpected = (status, url) => {
    const hit = expected.find((e) => e.status === status && e.url.test(url));
    if (hit) seen.push(`${status} ${url}`);
    return !!hit;
  };
  // The provider's own login pages (oidc-provider's dev interactions) link Google Fonts, which this
  // offline machine cannot reach: only that, on those pages, is not ours to judge.
  const onProviderPage = () => page.url().startsWith(stack.issuer);
  const external = (url) => !/^https?:\/\/127\.0\.0\.1[:/]/.test(url);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (onProviderPage() && text.includes('net::ERR_NAME_NOT_RESOLVED')) return;
    // Chromium's own line for an HTTP error answer; the response handler below judges those.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) return;
    problems.push(`console error on ${page.url()}: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    const err = r.failure()?.errorText ?? '';
    // A request cut short because the page navigated away (the OAuth redirect, the test's own
    // page.goto) is the browser's doing, not a failure of UCF or the network.
    if (err === 'net::ERR_ABORTED') return;
    if (onProviderPage() && external(r.url())) return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${err}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !isExpected(r.status(), r.url())) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });

  const shots = [];
  async function shoot(name) {
    await page.waitForLoadState('networkidle').catch(() => {});
    const bad = await page.evaluate(contrastViolations);
    assert.deepEqual(bad, [], `contrast below AA on ${name}: ${JSON.stringify(bad.slice(0, 5))}`);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${name} scrolls sideways at ${width} px (${overflow} px)`);
      const file = path.join(artifacts, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  const alert = () => page.getByTestId('error-box').first();

  // 1. Sign in from the printed link: the token leaves the URL and stays in session storage.
  log('sign in from the printed link');
  await page.goto(stack.dashboardLink);
  await page.getByRole('heading', { name: 'Choose a tenant' }).waitFor();
  assert.ok(!page.url().includes('token='), `token still in the URL: ${page.url()}`);
  const stored = await page.evaluate(() => sessionStorage.getItem('ucf.session'));
  assert.ok(stored && stored.includes(adminToken), 'admin token kept in session storage');
  await shoot('tenant-picker');
  await page.getByLabel('Tenant id').fill('acme');
  await page.getByLabel('Name', { exact: true }).fill('Acme Inc');
  await page.getByRole('button', { name: 'Create and use' }).click();
  await page.getByRole('heading', { name: 'Welcome' }).waitFor();
  await page.getByTestId('identity').getByText('acme').waitFor();
  await shoot('overview');

  // 2. Jira with an API token: a wrong token shows Atlassian's reason and the request id, and
  //    stores nothing; then the right one, Validate, Done.
  log('wizard: Jira API token, wrong then right');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connect', exact: true }).click();
  await page.getByRole('heading', { name: 'Choose a connector' }).waitFor();
  await shoot('wizard-connector');
  await page.locator('[data-connector="jira"]').click();
  await page.getByRole('button', { name: 'API token' }).click();
  await page.getByLabel('Connection name').fill('jira-token');
  await page.getByLabel('Site URL').fill(stack.atl.jira);
  await page.getByLabel('Account email').fill('alice@example.com');
  await page.getByLabel('API token').fill('not-the-token');
  await shoot('wizard-credentials');
  expected = [{ status: 400, url: /\/api\/connectors\/jira\/connect\/callback$/ }];
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await alert().waitFor();
  const wrong = await alert().innerText();
  assert.match(wrong, /request id/i, `the error shows the request id: ${wrong}`);
  await shoot('wizard-error');
  expected = [];
  const none = await adminApi('GET', '/api/connections');
  assert.equal(none.data.items.length, 0, 'a wrong token stores nothing');
  await page.getByLabel('API token').fill('alice-api-token');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.getByText('is connected and its credentials work').waitFor();
  await shoot('wizard-done');
  const tokenConn = (await adminApi('GET', '/api/connections')).data.items.find((c) => c.name === 'jira-token');
  assert.equal(tokenConn.status, 'connected');

  // 3. Jira with OAuth: the OAuth app settings (redirect URI shown), the provider's real login and
  //    consent pages, back through /oauth/callback to /ui/connections?connected=…, the site choice.
  log('wizard: Jira OAuth through the provider login page');
  await page.goto(`${base}/ui/connect?connector=jira&method=oauth2`);
  await page.waitForFunction(() => document.getElementById('redirect-uri')?.value);
  const redirectUri = await page.getByLabel('Redirect URI to register at the provider').inputValue();
  assert.equal(redirectUri, `${base}/oauth/callback`);
  await page.getByLabel('Client ID').fill(PEER_CLIENT_ID);
  await page.getByLabel('Client secret').fill(PEER_CLIENT_SECRET);
  await page.getByRole('button', { name: 'Save OAuth app settings' }).click();
  await page.getByText('OAuth app settings saved.').waitFor();
  await page.getByRole('button', { name: /Continue to Jira/ }).waitFor();
  await shoot('wizard-oauth');
  await page.getByLabel('Connection name').fill('jira-oauth');
  await page.getByRole('button', { name: /Continue to Jira/ }).click();
  await page.waitForURL((u) => u.toString().startsWith(stack.issuer));
  await page.locator('input[name="login"]').fill('alice@example.com');
  await page.locator('input[name="password"]').fill('anything');
  await page.locator('button[type="submit"]').first().click();
  await page.waitForURL((u) => u.toString().startsWith(stack.issuer) && /consent|interaction/.test(u.toString()));
  await page.locator('button[type="submit"]').first().click();
  await page.waitForURL((u) => u.toString().startsWith(`${base}/ui/connections?connected=`), { timeout: 30000 });
  await page.getByText('This account reaches several sites').waitFor();
  await shoot('oauth-site-choice');
  await page.getByRole('button', { name: /zoe-labs/i }).first().click();
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.getByText('is connected and its credentials work').waitFor();
  await shoot('oauth-done');
  const oauthConn = (await adminApi('GET', '/api/connections')).data.items.find((c) => c.name === 'jira-oauth');
  assert.equal(oauthConn.status, 'connected');
  assert.equal(oauthConn.authMethod, 'oauth2');

  // 4. Browse: containers → items (search) → item → comments; post a comment; raw JSON; deep link.
  log('browse and comment');
  await page.goto(`${base}/ui/browse?connection=${tokenConn.id}`);
  await page.getByRole('list', { name: 'Containers' }).getByRole('link', { name: /Engineering/ }).click();
  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().waitFor();
  // The search box may be re-rendered as the first page arrives; search again until the URL has it.
  for (let i = 0; i < 5 && !/q=needle/.test(page.url()); i++) {
    await page.getByLabel('Search').fill('needle');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=needle/, { timeout: 3000 }).catch(() => {});
  }
  await page.getByRole('list', { name: 'Items' }).getByRole('link', { name: /ENG-42/ }).click();
  await page.getByText('The needle is').waitFor();
  const deepLink = page.url();
  assert.match(deepLink, /connection=.*container=.*q=needle.*item=/);
  await shoot('browse-item');
  const comment = `Checked from the dashboard test ${Date.now()}`;
  await page.getByLabel('Add a comment').fill(comment);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.getByRole('list', { name: 'Comments' }).getByText(comment).waitFor();
  await page.getByLabel('Raw JSON').click();  // the box follows the URL (?raw=1)
  await page.getByTestId('raw-json').waitFor();
  await shoot('browse-raw');
  // Create an item where the connector offers it (Jira: create_item): it opens at once.
  await page.getByText('Create an item here').click();
  await page.getByLabel('Title').fill('Filed from the dashboard test');
  await page.getByLabel('Body', { exact: true }).fill('Created through POST /api/connections/{id}/items.');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('heading', { name: /Filed from the dashboard test/ }).waitFor();
  await page.goto(deepLink);  // a deep link opens the same view
  await page.getByText('The needle is').waitFor();
  await page.getByRole('list', { name: 'Comments' }).getByText(comment).waitFor();

  // 5. Sync now and watch the job finish; the chart gets its bar.
  log('sync');
  await page.goto(`${base}/ui/connections?id=${tokenConn.id}`);
  await page.getByLabel('Model').selectOption('projects');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.locator('[data-testid="job-progress"][data-job-status="succeeded"]').waitFor({ timeout: 60000 });
  await page.getByRole('img', { name: /Records synced per run: \d+/ }).waitFor();
  await shoot('connection-synced');

  // 6. Revoke the OAuth connection (with confirmation).
  log('revoke');
  await page.goto(`${base}/ui/connections?id=${oauthConn.id}`);
  await page.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await page.getByText('Connection revoked.').waitFor();
  await shoot('connection-revoked');
  assert.equal((await adminApi('GET', `/api/connections/${oauthConn.id}`)).data.status, 'revoked');

  // 7. Every step in the audit page.
  log('audit');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('table', { name: 'Audit entries' }).waitFor();
  await shoot('audit');
  const actions = await page.locator('tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  for (const a of ['tenant.created', 'connection.created', 'connection.validated', 'connector_settings.changed', 'connection.updated', 'comment.created', 'item.created', 'sync.requested', 'sync.finished', 'connection.revoked']) {
    assert.ok(actions.includes(a), `audit page lists ${a} (has ${[...new Set(actions)].join(', ')})`);
  }
  await page.getByLabel('Action').fill('connection.revoked');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/action=connection.revoked/);
  await page.locator('tr[data-action="connection.revoked"]').first().waitFor();
  // The unfiltered rows stay until the filtered page arrives: wait for them to go (10 s at most).
  await page.waitForFunction(
    () => document.querySelectorAll('tr[data-action]:not([data-action="connection.revoked"])').length === 0,
    null, { timeout: 10_000 });
  assert.equal(await page.locator('tr[data-action]:not([data-action="connection.revoked"])').count(), 0);

  // 8. The other pages: jobs, API keys (the key shown once), webhooks, connections list; sign out.
  log('jobs, keys, webhooks, sign out');
  await page.goto(`${base}/ui/jobs`);
  await page.getByRole('button', { name: 'Details' }).first().click();
  await page.locator('[data-testid="job-progress"][data-job-status="succeeded"]').waitFor();
  await shoot('jobs');
  await page.goto(`${base}/ui/keys`);
  await page.getByLabel('Name').fill('backend');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  assert.match(key, /^ucf_/);
  await shoot('keys');
  await page.goto(`${base}/ui/webhooks?connection=${tokenConn.id}`);
  await page.getByText('None registered.').waitFor();
  await shoot('webhooks');
  // A failed OAuth round trip ends on /ui/connections?error=…: explained, not a bare error.
  await page.goto(`${base}/ui/connections?error=${encodeURIComponent('the provider refused: access_denied')}`);
  await page.getByText('The connection could not be completed.').waitFor();
  await page.getByText('the provider refused: access_denied').waitFor();
  await page.goto(`${base}/ui/connections`);
  await page.locator(`[data-connection="${oauthConn.id}"] [data-status="revoked"]`).waitFor();
  const current = await page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').allInnerTexts();
  assert.deepEqual(current, ['Connections'], 'exactly the current page is marked in the navigation');
  await shoot('connections');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('ucf.session')), null);
  await shoot('sign-in');

  // 9. A tenant signs in with the API key created above.
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in with key' }).click();
  await page.getByTestId('identity').getByText('Tenant API key').waitFor();
  await page.locator(`[data-connection="${tokenConn.id}"]`).waitFor();  // the page it signed in on

  assert.deepEqual(problems, [], `console errors or failed requests:\n${problems.join('\n')}`);
  assert.ok(seen.length >= 1, 'the wrong token was answered with the expected 400');
  log(`passed; ${shots.length} screenshots in ${artifacts}`);
} catch (e) {
  console.error(e?.stack ?? e);
  if (page) {
    console.error(`page at failure: ${page.url()} (screenshot failure.png)`);
    await page.screenshot({ path: path.join(artifacts, 'failure.png'), fullPage: true }).catch(() => {});
  }
  if (problems.length) console.error(`console errors or failed requests:\n${problems.join('\n')}`);
  if (stack?.ucf?.output) console.error(`--- ucf output (tail) ---\n${stack.ucf.output?.().slice(-3000) ?? ''}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  if (stack) await stack.stopAll();
  fs.rmSync(workDir, { recursive: true, force: true });
}
// A sanitized `ucf` (scripts/test.sh's ./build-asan) reports leaks at exit, memory errors as they happen.
const ucfOutput = stack?.ucf?.output?.() ?? '';
const report = ucfOutput.search(/ERROR: (Address|Leak)Sanitizer|SUMMARY: UndefinedBehaviorSanitizer/);
if (report >= 0) {
  console.error(`--- sanitizer report from ucf serve ---\n${ucfOutput.slice(Math.max(0, report - 2000), report + 16000)}`);
  process.exitCode = 1;
}
