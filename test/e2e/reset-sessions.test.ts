import { ADMIN_TOKEN_OWNER } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';

describe('/reset-sessions end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(
      {},
      {
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example', profile: { email: 'alice@example.com' } });
          fake.addUser({ id: BOB, real_name: 'Bob <!here> Example', profile: { email: 'bob@example.com' } });
        },
      },
    );
  });
  afterEach(() => h.stop());

  it('confirms, then signs one person out of every session with the admin token', async () => {
    const ack = await h.command('/reset-sessions', `<@${ALICE}|alice>`);
    expect(ack.status).toBe(200);
    expect(h.fake.adminCalls()).toHaveLength(0);

    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('Alice Example');
    expect(textOf(confirm.view)).toContain('alice@example.com');

    const answer = await h.submit(confirm, {
      reason: { reason_input: { type: 'plain_text_input', value: 'phished' } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.response_action).toBe('update');

    const calls = h.fake.adminCalls();
    expect(calls).toEqual([{ method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } }]);
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    expect(h.fake.responses).toHaveLength(1);
    expect(h.audit).toHaveLength(1);
    expect(ADMIN_TOKEN_OWNER).toBeDefined();
  });
});
