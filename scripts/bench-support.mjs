// What the benchmarks share: a guest identity pool set up by the extension's own "Set Up Bot
// Web Access" engine (pool, both roles bound to it, AmazonLexRunBotsOnly), as a user would.
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';

const require = createRequire(import.meta.url);
const { loadSdk } = require(path.join(repoRoot, 'out', 'src', 'aws', 'loadSdk.js'));
const { parseBotWebAccessArgs, setUpBotWebAccess } = require(path.join(repoRoot, 'out', 'src', 'provisioning', 'webAccess.js'));

/** Creates a guest identity pool named `name` on the connection; returns its id. */
export async function guestBotPool(factory, connection, name) {
  const ctx = { sdk: await loadSdk(), region: connection.region, account: '000000000000', client: (service) => factory.client(connection, service) };
  const { identityPoolId } = await setUpBotWebAccess(ctx, parseBotWebAccessArgs({ name }));
  return identityPoolId;
}
