import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonOf } from './signed-request';

/** Obviously fake API client secrets (at least 32 characters, as the app asks). */
export const API_SECRETS = {
  soar: 'fake-api-secret-soar-0123456789abcdef',
  siem: 'fake-api-secret-siem-0123456789abcdef',
} as const;

/**
 * API_CLIENTS for the tests: `soar` may use both actions, `siem` only sign-outs; each secret in a file of its own, as a
 * Kubernetes Secret would mount it.
 */
export function apiClientsEnv(): { env: string; secretFile: (name: keyof typeof API_SECRETS) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'api-clients-'));
  for (const [name, secret] of Object.entries(API_SECRETS)) writeFileSync(join(dir, name), `${secret}\n`);
  return {
    env: `soar:${join(dir, 'soar')}:sign-outs+session-settings, siem:${join(dir, 'siem')}`,
    secretFile: (name) => join(dir, name),
  };
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  json?: Record<string, unknown>;
}

export interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  client?: string;
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Sent as it is, instead of the computed signature (a forgery, or a replay's). */
  signature?: string;
  contentType?: string;
  /** The raw body, instead of `body` as JSON. */
  raw?: string;
}

/**
 * The signature a client computes, written here on its own (not the app's): v1= and the hex HMAC-SHA256 of
 * `v1:{timestamp}:{body}`, a request without a body signing its path and query in the body's place.
 */
export function apiSignature(secret: string, timestamp: number, body: string, target: string): string {
  return `v1=${createHmac('sha256', secret)
    .update(`v1:${timestamp}:${body === '' ? target : body}`)
    .digest('hex')}`;
}

/** A signed request to the app's API, as a SOAR tool sends one; the answer, and the headers it was signed with. */
export async function callApi(baseUrl: string, c: ApiCall): Promise<ApiAnswer & { sent: Record<string, string> }> {
  const client = c.client ?? 'soar';
  const secret =
    c.secret ?? API_SECRETS[client as keyof typeof API_SECRETS] ?? 'unknown-client-secret-0123456789abcdef';
  const body = c.raw ?? (c.body === undefined ? '' : JSON.stringify(c.body));
  const timestamp = c.timestamp ?? Math.floor(Date.now() / 1000);
  const sent: Record<string, string> = {
    'x-client-name': client,
    'x-request-timestamp': String(timestamp),
    'x-signature': c.signature ?? apiSignature(secret, timestamp, body, c.path),
    ...(body !== '' ? { 'content-type': c.contentType ?? 'application/json' } : {}),
  };
  return { ...(await send(baseUrl, c.method, c.path, sent, body)), sent };
}

/** Sends a request exactly as given: headers (signed or not) and body. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== '' ? { body } : {}) });
  return { status: res.status, headers: res.headers, json: jsonOf(await res.text()) };
}
