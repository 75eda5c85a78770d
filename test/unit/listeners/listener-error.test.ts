import type { Logger } from '@slack/bolt';
import { responseUrlPolicy } from '../../../src/adapters/response-url';
import { encodePlan } from '../../../src/domain/plan';
import { LISTENER_ERROR_TEXT, listenerErrorHandler } from '../../../src/listeners/listener-error';
import { FakeSlack } from '../../support/fake-slack';

describe('listenerErrorHandler', () => {
  const fake = new FakeSlack();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.responses.splice(0);
  });

  const setup = () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() } as unknown as Logger;
    const planRules = { maxTargets: 25, isAllowedResponseUrl: responseUrlPolicy(fake.url) };
    return { logger, handler: listenerErrorHandler({ logger, planRules, timeoutMs: 2000 }, () => 'ref-1') };
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

  it('uses the response_url of a submitted plan', async () => {
    const { handler } = setup();
    const plan = encodePlan({
      kind: 'pick',
      invokerId: 'W0ADMIN0001',
      requestId: '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f',
      responseUrl: fake.responseUrl('v1'),
    });
    await handler({ error: new Error('boom'), body: { type: 'view_submission', view: { private_metadata: plan } } });
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
