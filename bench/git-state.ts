/** Which code was measured, for results.json. */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Which code was measured: the commit, and whether src had uncommitted changes at the time. */
export function gitState(): { commit?: string; srcChanges?: number } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: resolve(__dirname, '..', '..', '..') }).toString();
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      srcChanges: git('status', '--porcelain', '--', 'src')
        .split('\n')
        .filter((l) => l.trim() !== '').length,
    };
  } catch {
    return {};
  }
}
