import { unsupportedRuntime } from '../../src/runtime';

describe('unsupportedRuntime', () => {
  it('accepts the Node.js this suite runs on', () => {
    expect(unsupportedRuntime(process.versions)).toBeUndefined();
  });

  it('accepts the first release of each line with Node-API 10 and the agents’ proxy support, and later ones', () => {
    expect(unsupportedRuntime({ node: '22.21.0', napi: '10' })).toBeUndefined();
    expect(unsupportedRuntime({ node: '24.5.0', napi: '10' })).toBeUndefined();
    expect(unsupportedRuntime({ node: '26.12.1', napi: '11' })).toBeUndefined();
    expect(unsupportedRuntime({ node: '27.0.0', napi: '11' })).toBeUndefined();
  });

  it('names the running version and the supported lines when Node-API is older than 10', () => {
    expect(unsupportedRuntime({ node: '20.20.2', napi: '9' })).toBe(
      'Node.js 20.20.2 is not supported: run this app on Node.js 22 (22.21 or later), 24 (24.5 or later) or 26.',
    );
    expect(unsupportedRuntime({ node: '18.0.0' })).toMatch(/^Node\.js 18\.0\.0 is not supported/);
  });

  it('refuses a release of a supported line that would ignore HTTPS_PROXY', () => {
    expect(unsupportedRuntime({ node: '22.14.0', napi: '10' })).toMatch(/^Node\.js 22\.14\.0 is not supported/);
    expect(unsupportedRuntime({ node: '24.4.1', napi: '10' })).toMatch(/^Node\.js 24\.4\.1 is not supported/);
  });
});
