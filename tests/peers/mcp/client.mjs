// Drives UCF's /mcp endpoint with the official MCP TypeScript SDK client (issue 13): initialize,
// list tools, call every tool of one connection against the fake Atlassian upstream, error results
// for bad input, read-only keys and tenant isolation. Run by tests/integration/mcp_test.cpp:
//   UCF_URL, UCF_KEY (tenant A), UCF_READONLY_KEY (tenant A, read-only), UCF_OTHER_KEY (tenant B),
//   UCF_CONNECTION (A's Jira connection), UCF_SECRETS (comma-separated strings no result may hold)
// Prints "MCP-CLIENT OK {summary}" and exits 0, or prints the failed check and exits 1.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const env = process.env;
const conn = env.UCF_CONNECTION;
const secrets = (env.UCF_SECRETS || '').split(',').filter(Boolean);
const seen = [];  // every result, checked for secrets at the end

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
}

async function connect(key) {
  const transport = new StreamableHTTPClientTransport(new URL(`${env.UCF_URL}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: 'ucf-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function call(client, name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  seen.push(result);
  return result;
}

async function expectUnknownTool(client, name) {
  try {
    await client.callTool({ name, arguments: {} });
  } catch (e) {
    check(e instanceof McpError && e.code === -32602, `${name}: -32602 expected, got ${e}`);
    return;
  }
  throw new Error(`check failed: ${name} was callable`);
}

async function main() {
  const summary = {};
  const client = await connect(env.UCF_KEY);
  check(client.getServerVersion()?.name === 'ucf', 'serverInfo.name is ucf');
  check(client.getServerCapabilities()?.tools, 'tools capability');
  summary.protocolVersion = client.transport?.protocolVersion;

  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  const ops = ['list_containers', 'list_items', 'get_item', 'list_comments', 'create_item', 'create_comment',
               'trigger_sync', 'read_changes'];
  for (const meta of ['list_connections', 'search_tools']) check(names.includes(meta), `${meta} listed`);
  for (const op of ops) check(names.includes(`${op}__${conn}`), `${op}__${conn} listed`);
  for (const t of tools) {
    check(t.inputSchema?.type === 'object', `${t.name} has an object input schema`);
    check(t.outputSchema?.type === 'object', `${t.name} has an output schema`);
    const write = /^(create_item|create_comment|trigger_sync)__/.test(t.name);
    check(t.annotations?.readOnlyHint === !write, `${t.name} readOnlyHint ${!write}`);
    if (write) check(t.annotations?.destructiveHint === false, `${t.name} destructiveHint`);
  }
  summary.tools = names.length;

  // The meta tools.
  const listed = await call(client, 'list_connections');
  check(!listed.isError, 'list_connections ok');
  const mine = listed.structuredContent.connections.find((c) => c.id === conn);
  check(mine && mine.connectorId === 'jira' && mine.tools.length === ops.length, 'list_connections shows the connection');
  const found = await call(client, 'search_tools', { query: 'comment', connectionId: conn });
  const foundNames = found.structuredContent.tools.map((t) => t.name).sort();
  check(JSON.stringify(foundNames) === JSON.stringify([`create_comment__${conn}`, `list_comments__${conn}`].sort()),
        `search_tools finds the comment tools: ${foundNames}`);
  check(found.structuredContent.tools.every((t) => t.inputSchema && t.outputSchema), 'search_tools returns schemas');

  // Every connection tool against the fake Jira (the SDK checks structuredContent against each
  // tool's output schema).
  const containers = await call(client, `list_containers__${conn}`, { limit: 5 });
  check(!containers.isError && containers.structuredContent.items.length > 0, 'list_containers');
  const containerId = containers.structuredContent.items[0].id;
  const items = await call(client, `list_items__${conn}`, { containerId, limit: 5 });
  check(!items.isError && items.structuredContent.items.length > 0, 'list_items');
  const itemId = items.structuredContent.items[0].id;
  const search = await call(client, `list_items__${conn}`, { containerId, q: 'the', limit: 5 });
  check(!search.isError, `list_items with q: ${JSON.stringify(search.content)}`);
  const item = await call(client, `get_item__${conn}`, { itemId });
  check(!item.isError && item.structuredContent.id === itemId, 'get_item');
  const comments = await call(client, `list_comments__${conn}`, { itemId });
  check(!comments.isError && Array.isArray(comments.structuredContent.items), 'list_comments');
  const created = await call(client, `create_item__${conn}`, { containerId, title: 'Filed by an agent', body: 'via MCP' });
  check(!created.isError && created.structuredContent.id, `create_item: ${JSON.stringify(created.content)}`);
  const comment = await call(client, `create_comment__${conn}`, { itemId: created.structuredContent.id, text: 'From MCP' });
  check(!comment.isError, `create_comment: ${JSON.stringify(comment.content)}`);
  const sync = await call(client, `trigger_sync__${conn}`, { model: 'projects' });
  check(!sync.isError && sync.structuredContent.id, `trigger_sync: ${JSON.stringify(sync.content)}`);
  const changes = await call(client, `read_changes__${conn}`, { model: 'projects', limit: 10 });
  check(!changes.isError && Array.isArray(changes.structuredContent.items), `read_changes: ${JSON.stringify(changes.content)}`);
  summary.created = created.structuredContent.id;

  // Bad input: error results naming the problem; unknown tools: protocol errors.
  const zero = await call(client, `list_items__${conn}`, { limit: 0 });
  check(zero.isError && /limit/.test(zero.content[0].text), 'limit 0 is an error result');
  const missing = await call(client, `get_item__${conn}`, {});
  check(missing.isError && /itemId/.test(missing.content[0].text), 'missing itemId is an error result');
  const extra = await call(client, `list_containers__${conn}`, { nope: 1 });
  check(extra.isError && /nope/.test(extra.content[0].text), 'unknown argument is an error result');
  const absent = await call(client, `get_item__${conn}`, { itemId: 'ENG-99999' });
  check(absent.isError, 'an item the provider does not have is an error result');
  const badSearch = await call(client, 'search_tools', { limit: 500 });
  check(badSearch.isError, 'search_tools limit 500 is an error result');
  await expectUnknownTool(client, 'no_such_tool');
  await expectUnknownTool(client, `list_items__con_does_not_exist`);
  await client.close();

  // A read-only key: no write tools, and calling one is refused.
  const reader = await connect(env.UCF_READONLY_KEY);
  const readable = (await reader.listTools()).tools.map((t) => t.name);
  check(readable.includes(`list_items__${conn}`), 'read-only key lists read tools');
  check(!readable.some((n) => /^(create_item|create_comment|trigger_sync)__/.test(n)), 'read-only key lists no write tools');
  const refused = await call(reader, `create_comment__${conn}`, { itemId, text: 'nope' });
  check(refused.isError && /read-only/.test(refused.content[0].text), 'read-only key cannot write');
  await reader.close();

  // Another tenant sees none of A's tools and cannot call them.
  const other = await connect(env.UCF_OTHER_KEY);
  const otherNames = (await other.listTools()).tools.map((t) => t.name);
  check(!otherNames.some((n) => n.endsWith(conn)), 'tenant B lists none of A\'s tools');
  const otherList = await call(other, 'list_connections');
  check(otherList.structuredContent.connections.length === 0, 'tenant B has no connections');
  await expectUnknownTool(other, `list_items__${conn}`);
  await expectUnknownTool(other, `create_item__${conn}`);
  await other.close();

  const text = JSON.stringify(seen);
  for (const s of secrets) check(!text.includes(s), 'no secret in any result');
  console.log(`MCP-CLIENT OK ${JSON.stringify(summary)}`);
}

main().then(() => process.exit(0), (e) => {
  console.log(`MCP-CLIENT FAILED ${e?.stack || e}`);
  process.exit(1);
});
