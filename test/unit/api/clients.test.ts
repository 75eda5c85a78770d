import { readApiClients } from '../../../src/api/clients';

const KEY_A = 'fake-api-secret-a-0123456789abcdef0123';
const KEY_B = 'fake-api-secret-b-0123456789abcdef0123';
const files: Record<string, string> = {
  '/run/secrets/soar': `${KEY_A}\n`,
  '/run/secrets/siem': KEY_B,
  '/run/secrets/short': 'too-short',
  '/run/secrets/slack': 'the-slack-signing-secret-0123456789abcdef',
  '/etc/session-reset/api-clients': `# SOAR and SIEM\nsoar:/run/secrets/soar\nsiem:/run/secrets/siem:sign-outs+session-settings\n`,
};
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return text;
};

describe('readApiClients', () => {
  it('reads name:secret-file[:actions] pairs, each secret from its file, sign-outs by default', () => {
    const { clients, problems } = readApiClients(
      'soar:/run/secrets/soar, siem:/run/secrets/siem:sign-outs+session-settings',
      readFile,
      [],
    );
    expect(problems).toEqual([]);
    expect(clients.get('soar')).toEqual({ name: 'soar', secret: KEY_A, actions: new Set(['sign-outs']) });
    expect(clients.get('siem')?.actions).toEqual(new Set(['sign-outs', 'session-settings']));
  });

  it('reads a file of them', () => {
    const { clients, problems } = readApiClients('/etc/session-reset/api-clients', readFile, []);
    expect(problems).toEqual([]);
    expect([...clients.keys()]).toEqual(['soar', 'siem']);
  });

  it('names every problem by entry, never printing a secret', () => {
    const { clients, problems } = readApiClients(
      [
        'Bad Name:/run/secrets/soar',
        'soar:/run/secrets/missing',
        'short:/run/secrets/short',
        'slack:/run/secrets/slack',
        'soar:/run/secrets/soar:lock-accounts',
        'a:/run/secrets/siem',
        'b:/run/secrets/siem',
      ].join(','),
      readFile,
      [files['/run/secrets/slack'] ?? ''],
    );
    expect(problems).toEqual([
      'API_CLIENTS entry 1: a client name is 1–32 lower-case letters, digits, - or _.',
      'API_CLIENTS entry 2: the secret file of soar (/run/secrets/missing) cannot be read.',
      'API_CLIENTS entry 3: the secret of short is shorter than 32 characters.',
      "API_CLIENTS entry 4: the secret of slack is one of the app's Slack secrets; give each client its own.",
      'API_CLIENTS entry 5: soar is granted lock-accounts; the actions are sign-outs, session-settings.',
      'API_CLIENTS entry 7: b shares its secret with another client; give each its own.',
    ]);
    expect([...clients.keys()]).toEqual(['a']);
    for (const secret of Object.values(files)) expect(problems.join(' ')).not.toContain(secret.trim());
  });

  it('says a file it cannot read, or a list with nobody in it', () => {
    expect(readApiClients('/nowhere', readFile, []).problems).toEqual([
      'API_CLIENTS names /nowhere, which cannot be read.',
    ]);
    expect(readApiClients(' , ', readFile, []).problems).toEqual(['API_CLIENTS names no client.']);
  });
});
