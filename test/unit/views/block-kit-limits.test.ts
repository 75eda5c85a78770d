import { assertBlockKitLimits, blockKitProblems, foreignMarkup, textObjects } from '../../support/block-kit-limits';

/** The helper must itself be able to fail: each broken limit is reported. */
const good = () => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Title' },
  submit: { type: 'plain_text', text: 'Go' },
  close: { type: 'plain_text', text: 'Cancel' },
  private_metadata: '{}',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'Hello <@W0ALICE0001>' } },
    {
      type: 'input',
      block_id: 'b',
      label: { type: 'plain_text', text: 'Pick' },
      element: {
        type: 'checkboxes',
        action_id: 'a',
        options: [{ text: { type: 'plain_text', text: 'one' }, value: '1' }],
      },
    },
  ],
});

const option = (i: number) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `v${i}` });

describe('blockKitProblems', () => {
  it('accepts a view within the limits', () => {
    assertBlockKitLimits(good());
    expect(foreignMarkup(good())).toEqual([]);
  });

  it.each<[string, (v: ReturnType<typeof good>) => unknown, RegExp]>([
    ['a long title', (v) => ({ ...v, title: { type: 'plain_text', text: 'x'.repeat(25) } }), /title is 25/],
    ['a long submit', (v) => ({ ...v, submit: { type: 'plain_text', text: 'x'.repeat(25) } }), /submit is 25/],
    ['a long close', (v) => ({ ...v, close: { type: 'plain_text', text: 'x'.repeat(25) } }), /close is 25/],
    ['no submit with an input', ({ submit: _, ...v }) => v, /no submit/],
    ['101 blocks', (v) => ({ ...v, blocks: Array(101).fill({ type: 'divider' }) }), /101 blocks/],
    ['long metadata', (v) => ({ ...v, private_metadata: 'x'.repeat(3001) }), /private_metadata/],
    [
      'an empty text',
      (v) => ({ ...v, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] }),
      /must be 1 to 3000/,
    ],
    [
      'a 3001-character text',
      (v) => ({ ...v, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] }),
      /must be 1 to 3000/,
    ],
    [
      '11 checkboxes',
      (v) => ({
        ...v,
        blocks: [
          { ...v.blocks[1], element: { type: 'checkboxes', options: Array.from({ length: 11 }, (_, i) => option(i)) } },
        ],
      }),
      /11 options; the most is 10/,
    ],
    [
      '101 select options',
      (v) => ({
        ...v,
        blocks: [
          {
            ...v.blocks[1],
            element: { type: 'multi_static_select', options: Array.from({ length: 101 }, (_, i) => option(i)) },
          },
        ],
      }),
      /101 options; the most is 100/,
    ],
    [
      'a long option text',
      (v) => ({
        ...v,
        blocks: [
          {
            ...v.blocks[1],
            element: {
              type: 'checkboxes',
              options: [{ ...option(1), text: { type: 'plain_text', text: 'x'.repeat(76) } }],
            },
          },
        ],
      }),
      /76 characters; it must be 1 to 75/,
    ],
    [
      'a long option value',
      (v) => ({
        ...v,
        blocks: [
          { ...v.blocks[1], element: { type: 'checkboxes', options: [{ ...option(1), value: 'x'.repeat(151) }] } },
        ],
      }),
      /value is longer than 150/,
    ],
  ])('reports %s', (_name, breakIt, message) => {
    const problems = blockKitProblems(breakIt(good()));
    expect(problems.join('\n')).toMatch(message);
  });

  it('finds markup that the app did not make in mrkdwn only', () => {
    const view = {
      ...good(),
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Bob <!here>' } },
        { type: 'section', text: { type: 'plain_text', text: 'literal <!here>' } },
      ],
    };
    expect(foreignMarkup(view)).toEqual(['view.blocks[0].text: Bob <!here>']);
    expect(textObjects(view).map((t) => t.type)).toEqual([
      'plain_text',
      'plain_text',
      'plain_text',
      'mrkdwn',
      'plain_text',
    ]);
  });
});
