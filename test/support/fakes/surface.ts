/** What the admin sees of the app (the SlackSurface port): every modal, message and response_url post, in order. */

import type { HomeView, ModalView } from '@slack/types';
import type { Message, Sent, SlackSurface } from '../../../src/ports/slack-surface';
import { FakeDirectory } from './directory';
import { VIEW_ID } from './people';

export type SurfaceCall =
  | { method: 'openModal'; triggerId: string; view: ModalView }
  | { method: 'updateModal'; viewId: string; view: ModalView }
  | { method: 'publishHome'; userId: string; view: HomeView }
  | { method: 'postEphemeral'; responseUrl: string; text: string }
  | { method: 'postMessage'; message: Message }
  | { method: 'updateMessage'; channel: string; ts: string; message: Omit<Message, 'channel' | 'threadTs'> }
  | { method: 'completeStep'; functionExecutionId: string; outputs: Record<string, string | number | boolean> }
  | { method: 'failStep'; functionExecutionId: string; error: string };

/** What the admin sees of the app: every modal opened or updated and every response_url message, in order. */
export class FakeSurface implements SlackSurface {
  readonly calls: SurfaceCall[] = [];
  readonly directory = new FakeDirectory();
  /** views.open's answer; `{ ok: false, code }` as when the trigger expired. */
  open: { ok: true; viewId: string } | { ok: false; code: string } = { ok: true, viewId: VIEW_ID };
  /** Whether views.update is taken; false as when the admin closed the modal. */
  acceptUpdate: (view: ModalView) => boolean = () => true;
  /** Whether response_url messages arrive. */
  delivered = true;

  async openModal(triggerId: string, view: ModalView) {
    this.calls.push({ method: 'openModal', triggerId, view });
    return this.open;
  }

  async updateModal(viewId: string, view: ModalView) {
    this.calls.push({ method: 'updateModal', viewId, view });
    return this.acceptUpdate(view);
  }

  async publishHome(userId: string, view: HomeView) {
    this.calls.push({ method: 'publishHome', userId, view });
    return true;
  }

  async postEphemeral(responseUrl: string, text: string) {
    this.calls.push({ method: 'postEphemeral', responseUrl, text });
    return this.delivered;
  }

  /** chat.postMessage's answer for a channel (or user); by default each post gets a ts of its own. */
  post: (message: Message) => { ok: true; ts: string } | { ok: false; code: string } = () => ({
    ok: true,
    ts: `1700000000.${String(this.calls.length).padStart(6, '0')}`,
  });

  async postMessage(message: Message) {
    this.calls.push({ method: 'postMessage', message });
    return this.post(message);
  }

  async updateMessage(channel: string, ts: string, message: Omit<Message, 'channel' | 'threadTs'>) {
    this.calls.push({ method: 'updateMessage', channel, ts, message });
    return true;
  }

  /** functions.completeSuccess / completeError's answer. */
  stepAnswer: Sent = { ok: true };

  async completeStep(functionExecutionId: string, outputs: Record<string, string | number | boolean>) {
    this.calls.push({ method: 'completeStep', functionExecutionId, outputs });
    return this.stepAnswer;
  }

  async failStep(functionExecutionId: string, error: string) {
    this.calls.push({ method: 'failStep', functionExecutionId, error });
    return this.stepAnswer;
  }

  posts(): Message[] {
    return this.calls.flatMap((c) => (c.method === 'postMessage' ? [c.message] : []));
  }

  /** The calls in order, by method name only: `['openModal', 'updateModal']`. */
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }

  /** The views opened on a trigger. */
  opened(): ModalView[] {
    return this.calls.flatMap((c) => (c.method === 'openModal' ? [c.view] : []));
  }

  updates(): { viewId: string; view: ModalView }[] {
    return this.calls.flatMap((c) => (c.method === 'updateModal' ? [{ viewId: c.viewId, view: c.view }] : []));
  }

  messages(): { responseUrl: string; text: string }[] {
    return this.calls.flatMap((c) =>
      c.method === 'postEphemeral' ? [{ responseUrl: c.responseUrl, text: c.text }] : [],
    );
  }

  /** The view the admin sees last (opened or updated). */
  lastView(): ModalView {
    const views = this.calls.flatMap((c) => (c.method === 'openModal' || c.method === 'updateModal' ? [c.view] : []));
    const last = views.at(-1);
    if (!last) throw new Error('no modal was opened or updated');
    return last;
  }
}
