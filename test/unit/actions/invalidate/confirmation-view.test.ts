import fc from 'fast-check';
import { invalidateConfirmationView } from '../../../../src/actions/invalidate/confirmation-view';
import { INVALIDATE_CALLBACK, INVALIDATE_INPUT } from '../../../../src/actions/invalidate/ids';
import type { InvalidatePlan } from '../../../../src/actions/invalidate/plan';
import { planRef, sessionKeyString } from '../../../../src/domain/plan';
import type { ActiveSession } from '../../../../src/domain/types';
import {
  allText,
  assertBlockKitLimits,
  blockKitProblems,
  foreignMarkup,
  textObjects,
} from '../../../support/block-kit-limits';
import {
  HOSTILE_EMAIL,
  HOSTILE_NAME,
  INVOKER,
  person,
  RESPONSE_URL,
  rawHostile,
  ready,
  session,
  sessions,
} from '../../views/fixtures';

const alice = person({ id: 'W0ALICE0001', realName: `Alice ${'x'.repeat(200)}`, role: 'org_admin' });
const target = ready(alice, ['privileged']);
const NONE = { count: 0, atLeast: false };

const planFor = (list: readonly ActiveSession[], choose: boolean): InvalidatePlan => ({
  kind: 'invalidate',
  invokerId: INVOKER,
  requestId: '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f',
  userId: alice.id,
  sessions: list.map((s) => ({ teamId: s.teamId, sessionId: s.sessionId })),
  choose,
  responseUrl: RESPONSE_URL,
});

type Element = { type: string; action_id: string; options: { text: { text: string }; value: string }[] };
const sessionsElement = (view: ReturnType<typeof invalidateConfirmationView>) =>
  (view.blocks.find((b) => b.block_id === INVALIDATE_INPUT.sessions.block) as { element: Element } | undefined)
    ?.element;

const INPUTS = { requireReason: false, notifyDefault: false, notifyNamesAdmin: false };

describe('invalidateConfirmationView', () => {
  it.each([1, 10, 11, 50])('stays within Block Kit limits when choosing among %d sessions', (n) => {
    const list = sessions(n);
    const view = invalidateConfirmationView(
      planFor(list, true),
      target,
      list,
      n === 50 ? { count: 950, atLeast: true } : NONE,
      INPUTS,
    );
    assertBlockKitLimits(view);
    expect(foreignMarkup(view)).toEqual([]);
    expect(view.callback_id).toBe(INVALIDATE_CALLBACK.confirm);
    expect(view.submit?.text).toBe('End sessions');
    // The option values are what the submission listener maps back to the offered sessions.
    const element = sessionsElement(view);
    expect(element?.action_id).toBe(INVALIDATE_INPUT.sessions.action);
    expect(element?.options.map((o) => o.value)).toEqual(list.map(sessionKeyString));
    // Checkboxes up to Slack's 10, a multi-select beyond.
    expect(element?.type).toBe(n <= 10 ? 'checkboxes' : 'multi_static_select');
  });

  it('ending one named session shows it without a picker', () => {
    const list = [session(0)];
    const view = invalidateConfirmationView(planFor(list, false), target, list, NONE, INPUTS);
    assertBlockKitLimits(view);
    expect(sessionsElement(view)).toBeUndefined();
    expect(view.submit?.text).toBe('End session');
    const text = allText(view);
    expect(text).toMatch(/End this session of \*Alice x+…\* <@W0ALICE0001>/);
    expect(text).toContain(`*Session ${list[0]?.sessionId}*`);
    expect(text).not.toContain('more active sessions are not shown');
  });

  it('says how many sessions are hidden, and shows what changed since sign-in', () => {
    const list = sessions(50);
    const view = invalidateConfirmationView(planFor(list, true), target, list, { count: 950, atLeast: true }, INPUTS);
    const text = allText(view);
    expect(text).toContain('At least 950 more active sessions are not shown.');
    expect(text).toContain('Choose which of *Alice');
    expect(text).toContain('’s 50 sessions to end.');
    expect(text).toContain(
      ':twisted_rightwards_arrows: Changed since sign-in: Other device · Android 14 · IP 198.51.100.7',
    );
  });

  it('does not claim a change since sign-in when the recent device is the same', () => {
    const same = session(1, { recent: { ...session(1).created } });
    const view = invalidateConfirmationView(planFor([same], false), target, [same], NONE, INPUTS);
    expect(allText(view)).not.toContain('Changed since sign-in');
  });

  it('keeps option text within 75 characters even for a long device name', () => {
    const list = sessions(3);
    const element = sessionsElement(invalidateConfirmationView(planFor(list, true), target, list, NONE, INPUTS));
    for (const o of element?.options ?? []) {
      expect(Array.from(o.text.text).length).toBeLessThanOrEqual(75);
      expect(o.text.text).toMatch(/^(⇄ )?#/);
    }
  });

  it('escapes the name, email and device details from Slack', () => {
    const mallory = person({ id: 'W0MALLORY01', realName: HOSTILE_NAME, email: HOSTILE_EMAIL });
    const hostileDevice = {
      deviceHardware: '<!here> phone',
      os: '<@U123>',
      osVersion: '&',
      slackClientVersion: '<https://evil|x>',
      ip: '<!channel>',
    };
    const list = [session(0, { created: hostileDevice, recent: { ...hostileDevice, ip: '<!everyone>' } })];
    const plan = { ...planFor(list, true), userId: mallory.id };
    const view = invalidateConfirmationView(plan, ready(mallory), list, NONE, INPUTS);
    assertBlockKitLimits(view);
    expect(foreignMarkup(view)).toEqual([]);
    const mrkdwn = textObjects(view)
      .filter((t) => t.type === 'mrkdwn')
      .map((t) => t.text);
    expect(rawHostile(mrkdwn.join('\n'))).toEqual([]);
    expect(mrkdwn.join('\n')).toContain('&lt;!here&gt; phone');
  });

  it('carries only which plan it shows in private_metadata', () => {
    const list = sessions(50);
    const plan = planFor(list, true);
    const view = invalidateConfirmationView(plan, target, list, NONE, INPUTS);
    expect(view.private_metadata).toBe(planRef(plan));
  });
});

describe('invalidateConfirmationView with any device details (property)', () => {
  it('stays within Block Kit limits and lets no markup through', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.constantFrom('<!here>', '<@U123>', '&', '<https://evil|x>', ''),
      fc.string({ unit: fc.constantFrom('<', '>', '&', '!', '@', '|', 'a', ' '), maxLength: 200 }),
    );
    const device = fc.record(
      { deviceHardware: text, os: text, osVersion: text, slackClientVersion: text, ip: text },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        device,
        fc.option(device, { nil: undefined }),
        text,
        fc.option(text, { nil: undefined }),
        fc.boolean(),
        (n, created, recent, realName, email, choose) => {
          const list = sessions(n).map((s) => ({ ...s, created, recent }));
          const view = invalidateConfirmationView(
            planFor(list, choose),
            ready(person({ realName, email })),
            list,
            n === 50 ? { count: 1, atLeast: true } : NONE,
            INPUTS,
          );
          expect(blockKitProblems(view)).toEqual([]);
          expect(foreignMarkup(view)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
