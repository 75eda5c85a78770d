import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ACTIONS } from '../../src/actions/registry';
import { REQUESTER_INPUT, STEP_IDS } from '../../src/actions/workflow-step/ids';
import { SECRET_FILE_VARIABLES } from '../../src/config-sources';

const root = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

describe('documentation stays true to the code', () => {
  // Every variable config.ts reads, found by how it reads them.
  const variables = [
    ...[...read('src/config.ts').matchAll(/(?:value|token|integer|flag|baseUrl)\('([A-Z_]+)'/g)].map((m) => m[1] ?? ''),
    // The egress proxy, read in upper or lower case; where settings come from (config-sources.ts): the .env file and
    // secrets kept in files.
    'HTTPS_PROXY',
    'HTTP_PROXY',
    'NO_PROXY',
    'DOTENV_PATH',
    ...SECRET_FILE_VARIABLES.map((name) => `${name}_FILE`),
  ];

  it('finds the variables config.ts reads', () => {
    expect(variables).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'ADMIN_USER_IDS', 'PORT', 'SLACK_API_URL', 'SLACK_AUDIT_API_URL']),
    );
  });

  it.each(['.env.example', 'README.md'])('%s names every variable the app reads', (file) => {
    const text = read(file);
    // The name itself, not inside a longer one (MAX_TARGETS is not named by BULK_MAX_TARGETS).
    const names = (name: string) => new RegExp(`(?<![A-Z_])${name}(?![A-Z_])`).test(text);
    for (const name of variables) expect({ name, listed: names(name) }).toEqual({ name, listed: true });
  });

  it('the README shows the two commands that run and test the app', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    const scripts = JSON.parse(read('package.json')).scripts;
    expect(scripts.start).toBeDefined();
    expect(scripts.test).toBeDefined();
  });

  it('the manifest declares every registered command', () => {
    const manifest = read('manifest.yml');
    for (const { command } of ACTIONS.all) expect(manifest).toContain(`command: ${command}`);
  });

  it('the manifest declares every Workflow Builder step, run by this app, and the event that starts it', () => {
    const manifest = parse(read('manifest.yml'));
    expect(Object.keys(manifest.functions).sort()).toEqual([...STEP_IDS].sort());
    for (const id of STEP_IDS) {
      const requester = manifest.functions[id].input_parameters[REQUESTER_INPUT];
      expect({ id, requester }).toEqual({
        id,
        requester: expect.objectContaining({ type: 'slack#/types/user_context', is_required: true }),
      });
    }
    expect(manifest.settings.function_runtime).toBe('remote');
    expect(manifest.settings.event_subscriptions.bot_events).toContain('function_executed');
    expect(manifest.settings.org_deploy_enabled).toBe(true);
  });

  it('the manifest declares both commands, escaped, and the scopes the code needs', () => {
    const manifest = read('manifest.yml');
    for (const line of [
      'command: /reset-sessions',
      'command: /invalidate-session',
      'org_deploy_enabled: true',
      'socket_mode_enabled: true',
      '- admin.users:read',
      '- admin.users:write',
      '- users:read.email',
      '- usergroups:read',
      '- commands',
      '- chat:write',
    ]) {
      expect(manifest).toContain(line);
    }
    expect(manifest.match(/should_escape: true/g)).toHaveLength(ACTIONS.all.length);
  });
});
