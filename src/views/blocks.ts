import type { KnownBlock, ModalView, PlainTextElement } from '@slack/types';
import { truncate } from '../domain/text';

/** Slack's limits for modals. */
export const LIMITS = { title: 24, button: 24, text: 3000, blocks: 100, optionText: 75, optionValue: 150 } as const;

export const plain = (text: string, max: number = LIMITS.text): PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});

export const section = (mrkdwn: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.text) },
});

export const context = (mrkdwn: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.text) }],
});

export const divider: KnownBlock = { type: 'divider' };

interface ModalOptions {
  title: string;
  blocks: KnownBlock[];
  callbackId?: string;
  submit?: string;
  close?: string;
  privateMetadata?: string;
  /** Slack then sends view_closed when the admin cancels, so the cancel can be recorded. */
  notifyOnClose?: boolean;
}

export function modal(o: ModalOptions): ModalView {
  return {
    type: 'modal',
    title: plain(o.title, LIMITS.title),
    close: plain(o.close ?? 'Close', LIMITS.button),
    ...(o.submit ? { submit: plain(o.submit, LIMITS.button) } : {}),
    ...(o.callbackId ? { callback_id: o.callbackId } : {}),
    ...(o.privateMetadata ? { private_metadata: o.privateMetadata } : {}),
    ...(o.notifyOnClose ? { notify_on_close: true } : {}),
    blocks: o.blocks.slice(0, LIMITS.blocks),
  };
}

/** A view that only says something: a look-up under way, or why there is nothing to confirm. */
export const noticeView = (title: string, mrkdwn: string): ModalView => modal({ title, blocks: [section(mrkdwn)] });

/** A view while something is under way; `waiting` lines (why it waits) are shown under it. */
export const loadingView = (title: string, what: string, waiting?: string): ModalView =>
  noticeView(title, [`:hourglass_flowing_sand: ${what}`, ...waitingLines(waiting)].join('\n'));

/** Each line of why a run or a look-up waits, marked as a wait. */
export const waitingLines = (waiting?: string): string[] =>
  waiting ? waiting.split('\n').map((line) => `:turtle: ${line}`) : [];
