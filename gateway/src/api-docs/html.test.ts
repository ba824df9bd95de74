import { escapeHtml, proseHtml } from './html';

describe('html', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('shows backtick spans of prose as code', () => {
    expect(proseHtml('Sort by `deadline` or `amount`.')).toBe(
      'Sort by <code>deadline</code> or <code>amount</code>.',
    );
  });

  it('escapes inside code spans', () => {
    expect(proseHtml('Send `<b>`')).toBe('Send <code>&lt;b&gt;</code>');
  });
});
