// The build drops the indentation of the elements' `html` templates (scripts/minify-html-templates.ts) only where it
// cannot change what renders: a text node inside a `white-space: pre*` box keeps every character.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { minifyHtmlTemplates, preBoxClasses } from '../../scripts/minify-html-templates.js';

const boxes = { classes: new Set(['notice']), all: false };
const minify = (code: string) => minifyHtmlTemplates(code, 'fixture.ts', boxes);
const lines = (code: string) => code.split('\n').length;

describe('html template minification', () => {
  it('drops indentation between tags and attributes, keeping line numbers and values', () => {
    const code =
      'const t = html`<div class="a   b">\n    <span\n      title="  x  "\n      ?hidden=${h}\n    >hi  there</span>\n  </div>`;';
    const out = minify(code);
    // Between tags a line break stays (it is text); inside a tag the breaks leave the string for the next `${…}`
    // (before its expression, so `h` keeps its line), or the last one (after its expression).
    assert.equal(
      out,
      'const t = html`<div class="a   b">\n<span title="  x  " ?hidden=${\n\nh\n}>hi  there</span>\n</div>`;',
    );
    assert.equal(lines(out), lines(code));
  });

  it('keeps the space before `/>` and between an attribute and an expression', () => {
    assert.equal(minify('html`<img src=a.png\n  />`'), 'html\n`<img src=a.png />`');
    assert.equal(minify('html`<div\n  ${ref(r)}\n  class="x">`'), 'html`<div ${\nref(r)\n} class="x">`');
  });

  it('parses as written whatever follows the template: a line break after it would end the statement', () => {
    // TypeScript inserts a semicolon before `as`, `satisfies` and a non-null `!` that start a line, and JavaScript
    // before a postfix `++`: the line breaks a tag loses must not land right after the template.
    const shape = (code: string) => {
      const kinds: string[] = [];
      const visit = (node: ts.Node): void => {
        kinds.push(ts.SyntaxKind[node.kind]);
        ts.forEachChild(node, visit);
      };
      const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      visit(file);
      return {
        kinds: kinds.join(' '),
        errors: (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length,
      };
    };
    const templates = [
      'html`<p\n  class="a">x</p>`',
      'svg`<path\n  d="M0 0"\n/>`',
      'html`<p class=${a}\n  id="b">${b}</p\n>`',
      'html`${a}<input\n  .value=${v}\n  @input=${f}\n>`',
    ];
    const followers = [' as unknown as T', ' satisfies T', '!', '!.x', '++', ''];
    let checked = 0;
    for (const template of templates)
      for (const follower of followers) {
        for (const code of [`const t = ${template}${follower};\nfoo();`, `f(() => ${template}${follower})`]) {
          const out = minify(code);
          assert.notEqual(out, code, 'minified');
          assert.equal(lines(out), lines(code), code);
          assert.equal(shape(code).errors, 0, code);
          assert.deepEqual(shape(out), shape(code), `${JSON.stringify(code)} became ${JSON.stringify(out)}`);
          checked += 1;
        }
      }
    assert.equal(checked, templates.length * followers.length * 2);
  });

  it('leaves the content of a pre box as written, with the templates nested in it', () => {
    const inner = 'html`<b>\n    x\n  </b>`';
    const code = `const t = html\`<section>\n  <p class=\${classMap({ notice: true })}>\n    <span>a</span>\n    \${c ? ${inner} : ''}\n  </p>\n  <i>\n    y</i>\n</section>\`;`;
    const out = minify(code);
    const kept = code.slice(code.indexOf('<p'), code.indexOf('</p>') + 4);
    assert.ok(out.includes(kept), `the pre box is byte for byte as written:\n${out}`);
    assert.ok(out.includes('<i>\ny</i>\n</section>'), 'outside it, indentation goes');
  });

  it('leaves pre, textarea, comments and runs without a line break alone', () => {
    const code = 'html`<pre>\n  a\n    b</pre><textarea>\n  t\n</textarea><!--\n  c\n-->a  b`';
    assert.equal(minify(code), code);
  });

  it('leaves a whole file alone when its styles make something other than a class a pre box', () => {
    const code = 'html`<div>\n    x</div>`';
    assert.equal(minifyHtmlTemplates(code, 'fixture.ts', { classes: new Set(), all: true }), code);
  });

  it("finds the kit's pre boxes in its styles, and every one of them is kept in every template", () => {
    const files = readdirSync('components', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('components', f));
    const sources = files.map((f) => readFileSync(f, 'utf8'));
    const found = preBoxClasses(sources.filter((code) => code.includes('css`')));
    assert.equal(found.all, false);
    // The barrage bubble (pre-wrap) and live info's notice (pre-wrap); `.name::after` is generated text only.
    assert.deepEqual([...found.classes].sort(), ['bubble', 'notice']);
    let kept = 0;
    for (const [i, file] of files.entries()) {
      const code = sources[i]!;
      const minified = minifyHtmlTemplates(code, join(process.cwd(), file), found);
      assert.equal(lines(minified), lines(code), `${file} keeps its line numbers`);
      // Every element with a pre-box class: its content, up to its closing tag, is in the output as written; its
      // opening tag differs at most in the whitespace between attributes (which renders nothing). The line breaks a
      // tag lost wait at the start of the next `${…}`, which is JavaScript, not text: they are not compared.
      const out = minified.replace(/\$\{\n+/g, '${');
      for (const match of code.matchAll(
        /<(\w+)[^<>]*\bclass[^<>]*(?<![\w-])(notice|bubble)(?![\w-])[^<>]*>[^]*?<\/\1>/g,
      )) {
        const open = match[0].slice(0, match[0].indexOf('>') + 1);
        const content = match[0].slice(open.length);
        const squeezed = open.replace(/\s+/g, '');
        const inOutput = [...out.matchAll(/<\w+[^<>]*>/g)].some(
          (tag) => tag[0].replace(/\s+/g, '') === squeezed && out.startsWith(content, tag.index + tag[0].length),
        );
        assert.ok(inOutput, `${file}: ${match[0].slice(0, 60)}… kept`);
        kept += 1;
      }
    }
    assert.ok(kept >= 2, `live info's notices were found in the templates (${kept})`);
  });

  it('changes nothing but whitespace in any element source', () => {
    const files = readdirSync('components', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const code = readFileSync(join('components', file), 'utf8');
      const out = minifyHtmlTemplates(code, join(process.cwd(), 'components', file));
      // Removing every whitespace run from both sides leaves the same text: only whitespace changed.
      assert.equal(out.replace(/\s+/g, ''), code.replace(/\s+/g, ''), file);
    }
  });
});
