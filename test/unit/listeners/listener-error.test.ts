import type { Logger } from '@slack/bolt';
import { postEphemeral } from '../../../src/adapters/response-url';
import { type KeptPlan, planRef } from '../../../src/domain/plan';
import { responseUrlPolicy } from '../../../src/domain/response-url';
import { LISTENER_ERROR_TEXT, listenerErrorHandler } from '../../../src/listeners/listener-error';
import { FakeSlack } from '../../support/fake-slack';

describe('listenerErrorHandler', () => {
  const fake = new FakeSlack();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.responses.splice(0);
  });

  const REQUEST_ID = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';
  const pick = { kind: 'pick', invokerId: 'W0ADMIN0001', requestId: REQUEST_ID, responseUrl: '' };
  const setup = () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as Logger;
    const kept = new Map<string, KeptPlan>([
      [
        REQUEST_ID,
        { plan: { ...pick, responseUrl: fake.responseUrl('v1') }, viewId: 'V0MODAL001', keptAt: new Date() },
      ],
    ]);
    const allowed = responseUrlPolicy(fake.url);
    // The one reply path: the app's surface posts only where the policy allows.
    const tell = async (url: string, text: string) =>
      allowed(url) && postEphemeral(url, text, { timeoutMs: 2000, fetch });
    const store = { keptPlan: async (id: string) => kept.get(id) };
    return { logger, handler: listenerErrorHandler({ logger, store, tell }, () => 'ref-1') };
  };

  it('logs once with a reference and tells the admin through the command response_url', async () => {
    const { logger, handler } = setup();
    await handler({
      error: new Error('boom'),
      body: { command: '/reset-sessions', response_url: fake.responseUrl('c1') },
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith('listener failed [ref-1]: boom');
    expect(fake.responses).toEqual([
      {
        path: '/respond/c1',
        body: { response_type: 'ephemeral', replace_original: false, text: LISTENER_ERROR_TEXT('ref-1') },
      },
    ]);
  });

  it('uses the response_url of the plan kept for the submitted modal, and only for that modal', async () => {
    const { handler } = setup();
    const ref = planRef(pick);
    await handler({
      error: new Error('boom'),
      body: { type: 'view_submission', view: { id: 'V0OTHER001', private_metadata: ref } },
    });
    expect(fake.responses).toEqual([]);
    await handler({
      error: new Error('boom'),
      body: { type: 'view_submission', view: { id: 'V0MODAL001', private_metadata: ref } },
    });
    expect(fake.responses.map((r) => r.path)).toEqual(['/respond/v1']);
  });

  it('posts nowhere it should not, and never throws', async () => {
    const { handler, logger } = setup();
    await handler({ error: new Error('boom'), body: { response_url: 'https://attacker.example/x' } });
    await handler({ error: new Error('boom'), body: { view: { private_metadata: 'garbage' } } });
    await handler({ error: new Error('boom') });
    expect(fake.responses).toEqual([]);
    expect(logger.error).toHaveBeenCalledTimes(3);
  });
});
