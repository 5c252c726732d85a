import { createServer } from 'node:http';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse, type Request as BotRequest, type Response as BotResponse } from 'botbuilder';

/*
 * The peer of the invoke benchmark: a botbuilder 4.23 bot that does no I/O. CloudAdapter with no
 * app id (no token checked, as our dev mode), an ActivityHandler that answers an Action.Execute
 * with a message invokeResponse, on a plain node:http server that parses the JSON body the way
 * the samples' restify/express body parser does. Run as its own process (like our server), so
 * that the load generator does not share its event loop: `node dist/bench/bare-bot.js` with PORT.
 */
class BareBot extends ActivityHandler {
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Opgeslagen' as unknown as Record<string, unknown> };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new BareBot();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    // The Express-like response botbuilder writes its answer into.
    const response: BotResponse = {
      socket: null,
      status(code: number) {
        res.statusCode = code;
        return response;
      },
      header(name: string, value: unknown) {
        res.setHeader(name, String(value));
        return response;
      },
      send(payload: unknown) {
        if (payload === undefined) return response;
        const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
        if (typeof payload !== 'string') res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(text);
        return response;
      },
      end() {
        res.end();
        return response;
      },
    };
    const request: BotRequest = { method: req.method, headers: req.headers, body };
    adapter.process(request, response, (context) => bot.run(context)).catch((error: unknown) => {
      console.error(error);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
});

const port = Number(process.env.PORT ?? 39792);
server.listen(port, '127.0.0.1', () => console.log(`[bare bot] listening on http://127.0.0.1:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
