import fc from 'fast-check';
import { ACTIONS } from '../../../src/actions/registry';

const { wordsOf } = ACTIONS;

import { historyText } from '../../../src/actions/reset/history-text';
import type { AuditRecord } from '../../../src/domain/audit-record';
import { auditChannelText } from '../../../src/views/audit-text';
import { adminHomeView } from '../../../src/views/home-view';
import { assertBlockKitLimits } from '../../support/block-kit-limits';

const base: AuditRecord = {
  time: '2026-11-25T12:00:00.000Z',
  requestId: '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f',
  invokerId: 'W0ADMIN0001',
  action: 'reset',
  outcome: 'partial',
  details: { scope: 'mobile' },
  targets: [
    { userId: 'W0ALICE0001', result: 'done' },
    { userId: 'W0BOB00001', result: 'failed', error: 'user_session_reset_failed' },
  ],
};

/**
 * Markup the app itself writes: mentions of the record's own user ids and Slack's date token. Anything else,
 * a forged mention of another id included, is foreign.
 */
const APP_MARKUP = /<@(W0ADMIN0001|W0ALICE0001|W0BOB00001)>|<!date\^\d+\^\{date_short_pretty\} \{time\}\|[0-9TZ:.-]+>/g;
const live = (text: string) => text.replace(APP_MARKUP, '').match(/[<>]/g) ?? [];

describe('audit texts', () => {
  it('says who, what, whom, scope, outcome and reason', () => {
    const text = auditChannelText({ ...base, reason: 'INC-7' }, wordsOf);
    expect(text).toContain('<@W0ADMIN0001> — *partial*: signing out 2 people (mobile sessions only)');
    expect(text).toContain('<@W0ALICE0001>: done');
    expect(text).toContain('<@W0BOB00001>: not done (`user_session_reset_failed`)');
    expect(text).toContain('Reason: INC-7');
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-25T12:00:00.000Z>/);
  });

  it('shows a forged mention or an email label inert', () => {
    const text = auditChannelText(
      {
        ...base,
        reason: 'ask <@W0EVIL00001> or <!subteam^S1>',
        targets: [{ userId: 'bob@example.com', result: 'not_attempted', error: 'users_not_found' }],
      },
      wordsOf,
    );
    expect(text).toContain('ask &lt;@W0EVIL00001&gt; or &lt;!subteam^S1&gt;');
    expect(text).toContain('`bob@example.com`: not attempted');
    expect(live(text)).toEqual([]);
  });

  it('leaves no live mrkdwn control sequence from any reason or error string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 80 }), (reason, error) => {
        const record: AuditRecord = { ...base, reason, targets: [{ userId: 'W0BOB00001', result: 'failed', error }] };
        for (const text of [auditChannelText(record, wordsOf), historyText('W0BOB00001', [record], wordsOf)]) {
          expect(live(text)).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps App Home within Block Kit limits with many records', () => {
    const many = Array.from({ length: 20 }, () => ({
      ...base,
      reason: 'x'.repeat(600),
      targets: Array.from({ length: 50 }, (_, i) => ({
        userId: `W0USER${String(i).padStart(4, '0')}`,
        result: 'done' as const,
      })),
    }));
    const home = adminHomeView({ records: many, refusals: { attempts: 0, people: 0 } }, wordsOf, ['/reset-sessions']);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    assertBlockKitLimits({ type: 'modal', title: { type: 'plain_text', text: 'Home' }, blocks: home.blocks });
  });
});
