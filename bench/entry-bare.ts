/**
 * Child process: the floor. A bare Bolt 5 app on HTTPReceiver with the same signing secret, endpoint and fake Web
 * API, whose `/reset-sessions` listener only acks (or, with BENCH_BARE_CALLS=1, also makes the app's three Slack
 * calls), and a /healthz custom route that answers once listening.
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
  // BENCH_BARE_CALLS: the same three Slack calls the app makes per command (a loading modal, one look-up, the
  // confirmation), with nothing of the app's own: what any Bolt app doing this work costs at least.
  const calls = env.BENCH_BARE_CALLS === '1';
  app.command('/reset-sessions', async ({ ack, command, client }) => {
    await ack();
    if (!calls) return;
    const modal = (text: string, callbackId?: string) => ({
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Reset sessions' },
      ...(callbackId ? { callback_id: callbackId } : {}),
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
    });
    const opened = await client.views.open({ trigger_id: command.trigger_id, view: modal('Looking up…') });
    const target = /<@([A-Z0-9]+)/.exec(command.text)?.[1] ?? '';
    const { user } = await client.users.info({ user: target });
    await client.views.update({
      view_id: opened.view?.id ?? '',
      view: modal(`Sign out ${user?.real_name ?? target}?`, 'reset_sessions_confirm'),
    });
  });
  serveParent(async () => {
    await app.stop();
  });
  const server = (await app.start(Number(env.PORT ?? 0))) as Server;
  reportReady((server.address() as AddressInfo).port);
}

main().catch(reportFailure);
