// A real OAuth 2.0 / OpenID Connect authorization server for UCF's OAuth tests: oidc-provider
// (npm, certified implementation) on loopback with one registered confidential client.
//
// Run (from tests/peers, after `npm ci`):
//   node oidc/server.mjs [PORT]            PORT 0 (default) picks a free port
// It prints exactly one line on stdout once it listens:
//   READY http://127.0.0.1:PORT
// and stops on SIGTERM/SIGINT. Never start it through npx (npx leaves wrapper processes behind).
//
// Environment (all optional):
//   OIDC_PORT               port when no argument is given (0 = any free port)
//   OIDC_CLIENT_ID          the client's id                     (default ucf-test-client)
//   OIDC_CLIENT_SECRET      the client's secret                 (default ucf-test-secret)
//   OIDC_REDIRECT_URIS      comma-separated redirect URIs       (default http://127.0.0.1:1/oauth/callback)
//   OIDC_CLIENT_AUTH        client_secret_basic | client_secret_post (default client_secret_basic)
//   OIDC_ACCESS_TOKEN_TTL   access token lifetime in seconds    (default 3600; tests use 2)
//   OIDC_REFRESH_TOKEN_TTL  refresh token lifetime in seconds   (default 86400)
//   OIDC_EXIT_WITH_PARENT   1: exit when the parent process goes away (tests set it, so a crashed
//                           test binary leaves no server behind)
//
// What it offers (issuer http://127.0.0.1:PORT, discovery at /.well-known/openid-configuration):
//   GET  /auth                 authorization endpoint: code flow, PKCE with S256 REQUIRED
//   GET|POST /interaction/:uid dev login + consent pages: plain HTML forms; the login form takes any
//                              login and password; follow redirects and keep cookies like a browser
//   POST /token                authorization_code and refresh_token grants; a refresh token is
//                              issued for every code grant and rotated on every use (reusing a
//                              rotated one is invalid_grant and revokes the whole grant)
//   POST /token/revocation     RFC 7009 revocation (revoke a refresh token to test needs_reauth)
//   POST /token/introspection  RFC 7662 introspection
//   GET  /me                   userinfo (accepts the access tokens it issued)
//   GET  /test/stats           {token_requests, authorization_code_requests, refresh_requests,
//                              refresh_failures, revocation_requests}: counts of requests received
//   POST /test/reset           zeroes the counters
//   POST /test/stall-token?ms=N  holds every later POST /token N ms before answering (0: no stall)
// Storage is oidc-provider's in-memory adapter: everything is gone when the process exits.

import http from 'node:http';
import { endWith, serverStopper } from '../lib/lifecycle.mjs';

import Provider from 'oidc-provider';

const env = process.env;
const port = Number(process.argv[2] ?? env.OIDC_PORT ?? 0);
const clientId = env.OIDC_CLIENT_ID || 'ucf-test-client';
const clientSecret = env.OIDC_CLIENT_SECRET || 'ucf-test-secret';
const redirectUris = (env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:1/oauth/callback')
  .split(',').map((s) => s.trim()).filter(Boolean);
const clientAuth = env.OIDC_CLIENT_AUTH || 'client_secret_basic';
const accessTokenTtl = Number(env.OIDC_ACCESS_TOKEN_TTL || 3600);
const refreshTokenTtl = Number(env.OIDC_REFRESH_TOKEN_TTL || 86400);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid port: ${process.argv[2] ?? env.OIDC_PORT}`);
  process.exit(2);
}

const stats = {
  token_requests: 0,
  authorization_code_requests: 0,
  refresh_requests: 0,
  refresh_failures: 0,
  revocation_requests: 0,
};

function configuration() {
  return {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: clientAuth,
    }],
    scopes: ['openid', 'offline_access'],
    claims: { openid: ['sub'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    // Every code grant gets a refresh token (not only offline_access ones), rotated on each use.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 120,
      Grant: refreshTokenTtl,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: refreshTokenTtl,
      Session: 3600,
    },
    cookies: { keys: ['ucf-test-peer-cookie-key-not-secret'] },
    // Expired means expired: no 15 s grace, so expiry tests need not wait for it.
    clockTolerance: 0,
    renderError: async (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
}

function counting(provider) {
  provider.use(async (ctx, next) => {
    const isToken = ctx.method === 'POST' && ctx.path === '/token';
    const isRevocation = ctx.method === 'POST' && ctx.path === '/token/revocation';
    await next();
    if (isRevocation) stats.revocation_requests += 1;
    if (!isToken) return;
    stats.token_requests += 1;
    const grantType = ctx.oidc?.params?.grant_type;
    if (grantType === 'authorization_code') stats.authorization_code_requests += 1;
    if (grantType === 'refresh_token') {
      stats.refresh_requests += 1;
      if (ctx.status !== 200) stats.refresh_failures += 1;
    }
  });
}

let tokenStallMs = 0;

function testRoutes(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  if (req.method === 'POST' && path === '/test/stall-token') {
    tokenStallMs = Math.max(0, Math.min(60000, Number(url.searchParams.get('ms')) || 0));
    res.writeHead(204);
    res.end();
    return true;
  }
  if (req.method === 'GET' && path === '/test/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(stats));
    return true;
  }
  if (req.method === 'POST' && path === '/test/reset') {
    for (const key of Object.keys(stats)) stats[key] = 0;
    res.writeHead(204);
    res.end();
    return true;
  }
  return false;
}

let handler = (_req, res) => {
  res.writeHead(503);
  res.end();
};
const server = http.createServer((req, res) => {
  if (testRoutes(req, res)) return;
  const isToken = req.method === 'POST' && new URL(req.url, 'http://127.0.0.1').pathname === '/token';
  if (isToken && tokenStallMs > 0) {
    setTimeout(() => handler(req, res), tokenStallMs);
    return;
  }
  handler(req, res);
});

server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration());
  counting(provider);
  handler = provider.callback();
  process.stdout.write(`READY ${issuer}\n`);
});

endWith(serverStopper(server), { exitWithParent: env.OIDC_EXIT_WITH_PARENT === '1' });
