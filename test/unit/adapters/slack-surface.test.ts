import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { slackSurface } from '../../../src/adapters/slack-surface';
import { CapturingLogger } from '../../support/harness';

const VIEW: ModalView = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] };

const clientWith = (open: () => Promise<unknown>) =>
  ({ views: { open: jest.fn(open), update: jest.fn(async () => ({ ok: true })) } }) as unknown as WebClient;

describe('slackSurface', () => {
  it('returns the id of the modal Slack opened', async () => {
    const surface = slackSurface(
      clientWith(async () => ({ ok: true, view: { id: 'V0000000001' } })),
      new CapturingLogger(),
      1000,
    );
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: true, viewId: 'V0000000001' });
  });

  it('calls an opened modal without an id a failure, since it could never be filled in', async () => {
    const surface = slackSurface(
      clientWith(async () => ({ ok: true })),
      new CapturingLogger(),
      1000,
    );
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: false, code: 'no_view_id' });
  });

  it("turns Slack's refusal into its code and logs it", async () => {
    const logger = new CapturingLogger();
    const refused = Object.assign(new Error('An API error occurred: expired_trigger_id'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'expired_trigger_id' },
    });
    const surface = slackSurface(
      clientWith(async () => Promise.reject(refused)),
      logger,
      1000,
    );
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: false, code: 'expired_trigger_id' });
    expect(logger.lines).toEqual(['WARN views.open failed: expired_trigger_id']);
  });
});
