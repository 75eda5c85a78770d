/**
 * Child process: the floor. A bare Bolt 5 app on HTTPReceiver with the same signing secret, endpoint and fake Web
 * API, whose `/reset-sessions` listener only acks, and a /healthz custom route that answers once listening.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { reportFailure, reportReady, serveParent } from './child-ipc';

async function main(): Promise<void> {
  const env = process.env;
  const receiver = new HTTPReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
    processBeforeResponse: false,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        },
      },
    ],
  });
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: env.SLACK_API_URL, retryConfig: { retries: 0 } },
  });
  app.command('/reset-sessions', async ({ ack }) => {
    await ack();
  });
  serveParent(async () => {
    await app.stop();
  });
  const server = (await app.start(Number(env.PORT ?? 0))) as Server;
  reportReady((server.address() as AddressInfo).port);
}

main().catch(reportFailure);
