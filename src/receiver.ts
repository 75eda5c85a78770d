import {
  type CustomRoute,
  HTTPReceiver,
  HTTPReceiverDeferredRequestError,
  type Logger,
  type Receiver,
} from '@slack/bolt';
import { EnvHttpProxyAgent } from 'undici';
import { keepAliveFetch } from './adapters/keep-alive-fetch';
import type { Config } from './config';
import { rejectSkewedRequests } from './http/reject-skewed-requests';
import { SelfHealingSocketModeReceiver } from './socket/socket-mode-receiver';

/** Slack's largest payloads (a full modal's state) are far below this; anything bigger is refused with 413. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How Slack reaches the app: Socket Mode when there is an app token, signed HTTP otherwise (with the app's own
 * refusal of requests stamped far from now). the probes and /metrics are served either way.
 */
export function createReceiver(
  config: Config,
  options: { logger: Logger; routes: CustomRoute[]; processBeforeResponse?: boolean; socketHealthGraceMs?: number },
): Receiver {
  const { logger, routes } = options;
  if (config.appToken) {
    return new SelfHealingSocketModeReceiver({
      appToken: config.appToken,
      logger,
      port: config.port,
      customRoutes: routes,
      clientOptions: {
        slackApiUrl: config.slackApiUrl,
        timeout: config.apiTimeoutMs,
        fetch: keepAliveFetch(config.proxy),
      },
      healthGraceMs: options.socketHealthGraceMs,
      // The WebSocket is undici's, not Node's agents: it is given the same proxy and exceptions.
      ...(config.proxy
        ? {
            dispatcher: new EnvHttpProxyAgent({
              httpsProxy: config.proxy.HTTPS_PROXY,
              httpProxy: config.proxy.HTTP_PROXY,
              noProxy: config.proxy.NO_PROXY ?? '',
            }),
          }
        : {}),
    });
  }
  const receiver = new HTTPReceiver({
    // loadConfig guarantees a signing secret whenever there is no app token.
    signingSecret: config.signingSecret ?? '',
    endpoints: '/slack/events',
    customRoutes: routes,
    logger,
    processBeforeResponse: options.processBeforeResponse ?? false,
    bodyLimit: MAX_BODY_BYTES,
    // Bolt logs every unknown path at info: a scanner or a misconfigured probe would fill the log.
    dispatchErrorHandler: ({ error, logger: log, request, response }) => {
      const unknownPath = error instanceof HTTPReceiverDeferredRequestError;
      if (unknownPath) log.debug(`no route for ${request.method} ${request.url?.split('?')[0]}`);
      else
        log.error(
          `an unexpected error occurred during a request (${request.method}) made to ${request.url?.split('?')[0]}`,
        );
      response.writeHead(unknownPath ? 404 : 500);
      response.end();
    },
  });
  receiver.requestListener = rejectSkewedRequests(receiver.requestListener);
  return receiver;
}

/** In Socket Mode, healthy also means some connection can receive: a supervisor restarts an app that cannot. */
export const canReceive = (receiver: Receiver): boolean =>
  !(receiver instanceof SelfHealingSocketModeReceiver) || receiver.receiving();
