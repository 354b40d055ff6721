import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html } from '../../ui/html';

describe('html', () => {
  it('escapes the five characters that can break out of text or an attribute', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes every interpolated value, joins lists, and keeps its own fragments as markup', () => {
    const tag = html; // not named html here, so prettier leaves the exact markup of the assertion alone
    const rows = ['<b>', 'a&b'].map((v) => tag`<li>${v}</li>`);
    assert.equal(
      tag`<ul title="${'"x"'}">${rows}${undefined}${null}${3}</ul>`.text,
      '<ul title="&quot;x&quot;"><li>&lt;b&gt;</li><li>a&amp;b</li>3</ul>',
    );
  });
});
