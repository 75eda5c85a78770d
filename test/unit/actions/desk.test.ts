import { type Desk, whenPlaced } from '../../../src/actions/desk';

describe('whenPlaced', () => {
  it('hears first that placing is decided, whatever it came to, then passes it on', async () => {
    const heard: string[] = [];
    const venue = { progress: async () => undefined, report: async () => undefined, note: async () => undefined };
    const desk: Desk = {
      already: async () => void heard.push('already'),
      fix: async (errors) => void heard.push(`fix ${Object.keys(errors)}`),
      notKept: async () => void heard.push('notKept'),
      waiting: async () => void heard.push('waiting'),
      running: async (total) => {
        heard.push(`running ${total}`);
        return venue;
      },
    };
    const wrapped = whenPlaced(desk, () => heard.push('placed'));
    await wrapped.already();
    await wrapped.fix({ reason: 'x' });
    await wrapped.notKept();
    await wrapped.waiting({} as never);
    expect(await wrapped.running(3)).toBe(venue);
    expect(heard).toEqual([
      'placed',
      'already',
      'placed',
      'fix reason',
      'placed',
      'notKept',
      'placed',
      'waiting',
      'placed',
      'running 3',
    ]);
  });
});
