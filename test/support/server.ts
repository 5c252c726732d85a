import { botPlugin } from '../../bot/register-bot';
import { buildServer as buildBareServer, type BuiltServer, type ServerDeps } from '../../src/http/server';

/**
 * The server as src/main.ts composes it: the API and the tabs, with the bot mounted at
 * /api/messages. Tests that want the bare server import src/http/server.ts instead.
 */
export function buildServer(deps: ServerDeps): Promise<BuiltServer> {
  return buildBareServer({ ...deps, plugins: [botPlugin, ...(deps.plugins ?? [])] });
}
