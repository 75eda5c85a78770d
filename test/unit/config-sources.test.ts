import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSources } from '../../src/config-sources';

const folder = () => mkdtempSync(join(tmpdir(), 'sources-'));

describe('readSources', () => {
  it('reads a secret from the file its _FILE variable names, without the trailing newline', () => {
    const dir = folder();
    writeFileSync(join(dir, 'admin'), 'xoxp-fake-admin-token-from-a-file\n');
    writeFileSync(join(dir, 'db'), 'postgres://app:fake-password@db:5432/app');
    const { env, problems } = readSources({
      DOTENV_PATH: join(dir, 'none.env'),
      SLACK_ADMIN_TOKEN_FILE: join(dir, 'admin'),
      DATABASE_URL_FILE: join(dir, 'db'),
    });
    expect(env.SLACK_ADMIN_TOKEN).toBe('xoxp-fake-admin-token-from-a-file');
    expect(env.DATABASE_URL).toBe('postgres://app:fake-password@db:5432/app');
    expect(problems).toEqual([`DOTENV_PATH names ${join(dir, 'none.env')}, which cannot be read.`]);
  });

  it('refuses a secret set both ways, and names an unreadable file by its path and error, never its content', () => {
    const dir = folder();
    const { problems } = readSources({
      DOTENV_PATH: '',
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_BOT_TOKEN_FILE: join(dir, 'bot'),
      SLACK_SIGNING_SECRET_FILE: join(dir, 'missing'),
    });
    expect(problems).toEqual([
      'SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set: keep one.',
      `SLACK_SIGNING_SECRET_FILE names ${join(dir, 'missing')}, which cannot be read (ENOENT).`,
    ]);
  });

  it('reads the .env that DOTENV_PATH names; the environment wins over it', () => {
    const dir = folder();
    const file = join(dir, 'app.env');
    writeFileSync(file, 'LOG_LEVEL=debug\nPORT=4000\n');
    const { env, problems, whereFrom } = readSources({ DOTENV_PATH: file, PORT: '5000' });
    expect(problems).toEqual([]);
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.PORT).toBe('5000');
    expect(whereFrom).toBe(`Settings were read from the environment and ${file}.`);
  });

  it('says which .env it looked for when there is none', () => {
    const { whereFrom, problems } = readSources({}, () => '');
    expect(problems).toEqual([]);
    expect(whereFrom).toMatch(/^Settings were read from the environment only: there is no \/.*\.env \(set DOTENV_PATH/);
  });
});
