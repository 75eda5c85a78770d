import type { KnownBlock } from '@slack/types';
import { truncate } from '../../../src/domain/text';
import { context, divider, LIMITS, loadingView, modal, noticeView, plain, section } from '../../../src/views/blocks';
import { escapeMrkdwn, mention, quoteInput } from '../../../src/views/mrkdwn';
import { allText, assertBlockKitLimits } from '../../support/block-kit-limits';

describe('noticeView / loadingView', () => {
  it('noticeView shows the title and the text, with only a close button', () => {
    const view = noticeView('Not allowed', 'You may *not*.');
    assertBlockKitLimits(view);
    expect(view.title.text).toBe('Not allowed');
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('Close');
    expect(view.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'You may *not*.' } }]);
  });

  it('loadingView shows an hourglass and what is happening', () => {
    const view = loadingView('Reset sessions', 'Looking up 3 people…');
    assertBlockKitLimits(view);
    expect(allText(view)).toContain(':hourglass_flowing_sand: Looking up 3 people…');
  });

  it('cuts a long title to 24 characters and long text to 3000', () => {
    const view = noticeView('A title far longer than Slack allows', 'x'.repeat(5000));
    assertBlockKitLimits(view);
    expect(Array.from(view.title.text)).toHaveLength(24);
    expect(view.title.text.endsWith('…')).toBe(true);
  });
});

describe('modal', () => {
  it('keeps at most 100 blocks and sets callback, submit and metadata only when given', () => {
    const blocks: KnownBlock[] = Array.from({ length: 150 }, (_, i) => section(`Block ${i}`));
    const view = modal({ title: 'T', blocks });
    expect(view.blocks).toHaveLength(LIMITS.blocks);
    expect(view).not.toHaveProperty('submit');
    expect(view).not.toHaveProperty('callback_id');
    expect(view).not.toHaveProperty('private_metadata');
    const full = modal({
      title: 'T',
      blocks: [divider],
      callbackId: 'cb',
      submit: 'Go',
      close: 'Stop',
      privateMetadata: '{}',
    });
    expect(full).toMatchObject({
      callback_id: 'cb',
      submit: { text: 'Go' },
      close: { text: 'Stop' },
      private_metadata: '{}',
    });
  });

  it('plain, section and context bound their text', () => {
    expect(Array.from(plain('é'.repeat(30), 24).text)).toHaveLength(24);
    expect(section('y'.repeat(4000))).toMatchObject({ text: { text: expect.stringMatching(/^y{2999}…$/) } });
    expect(context('z'.repeat(4000))).toMatchObject({ elements: [{ text: expect.stringMatching(/^z{2999}…$/) }] });
  });
});

describe('mrkdwn helpers', () => {
  it('escapeMrkdwn replaces exactly &, < and >', () => {
    expect(escapeMrkdwn('<!here> & <@U123> <https://evil|x> *b*')).toBe(
      '&lt;!here&gt; &amp; &lt;@U123&gt; &lt;https://evil|x&gt; *b*',
    );
    // Escaping twice does not un-escape: an already escaped entity stays inert.
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  it('truncate never splits an emoji and marks the cut', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('quoteInput shows input as inert inline code', () => {
    expect(quoteInput('<!here> `x`')).toBe("`&lt;!here&gt; 'x'`");
  });

  it('mention makes a user mention', () => {
    expect(mention('W0ALICE0001')).toBe('<@W0ALICE0001>');
  });
});

describe('mention', () => {
  it('mentions only a well-formed user ID; anything else is shown inert', () => {
    expect(mention('W0ALICE0001')).toBe('<@W0ALICE0001>');
    expect(mention('<!channel>')).toBe('`&lt;!channel&gt;`');
  });
});
