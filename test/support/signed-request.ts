import { createHmac } from 'node:crypto';

/** Slack's signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<raw body>"). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret: string;
  timestamp?: number;
  /** Overrides the computed signature (forgery tests). */
  signature?: string;
  contentType?: string;
}

export interface SlackAnswer {
  status: number;
  text: string;
  json?: Record<string, unknown>;
}

/** POSTs a body to the app exactly as Slack does: form-encoded, timestamped and signed. */
export async function postSigned(url: string, body: string, o: SendOptions): Promise<SlackAnswer> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': o.signature ?? signature(o.secret, timestamp, body),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: jsonOf(text) };
}

/** An answer's body as JSON, or undefined when it is empty or not JSON. */
export function jsonOf(text: string): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

export const payloadBody = (payload: unknown): string => formBody({ payload: JSON.stringify(payload) });
