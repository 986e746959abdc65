// The build minifies every element's `css` templates (scripts/minify-css-templates.ts). Whether the minified CSS
// still means the same is checked where it matters, by rendering: web-test-runner serves the components with their
// templates minified (scripts/wtr-plugins.mjs), so every component test runs on the CSS a product gets. Here: the
// template scanner, the holes, and the line numbers the source maps rely on.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Hole, cook, findCssTemplates, minify, minifyCssTemplates } from '../../scripts/minify-css-templates.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Pair {
  readonly where: string;
  readonly written: string;
  readonly minified: string;
}

const pairs: Pair[] = sources(join(root, 'components')).flatMap((file) => {
  const code = readFileSync(file, 'utf8');
  return findCssTemplates(code).map((template, i) => {
    const holes: Hole[] = [];
    const written = cook(template.raw, holes);
    return { where: `${relative(root, file)} #${i + 1}`, written, minified: minify(written, file) };
  });
});

describe('minified css templates', () => {
  it('every styles template of the elements minifies (the build would fail otherwise), and shrinks', () => {
    assert.ok(pairs.length >= 20, `${pairs.length} templates`);
    assert.ok(pairs.some((p) => p.where.startsWith('components/room/room.styles.ts')));
    const written = pairs.reduce((n, p) => n + p.written.length, 0);
    const minified = pairs.reduce((n, p) => n + p.minified.length, 0);
    assert.ok(minified < written * 0.8, `${minified} of ${written} characters`);
  });

  it('keeps holes where they were and line numbers of the code after a template', () => {
    const code = [
      "const mask = 'url(x.svg)';",
      'export const a = css`',
      '  .x {',
      '    /* comment */',
      '    mask: ${unsafeCSS(mask)} center;',
      '    color:  #ffffff;',
      '  }',
      '`;',
      'export const b = css`:where(:root) {',
      '  ${tokens}',
      '}`;',
      'const after = 1;',
    ].join('\n');
    const out = minifyCssTemplates(code, 'x.ts');
    // The body ends at its last rule: the line breaks it lost follow the backtick, as code a minifier drops.
    assert.match(out, /\.x\{mask:\$\{unsafeCSS\(mask\)\} center;color:#fff\}`\n/);
    assert.match(out, /:where\(:root\)\{\$\{tokens\}\}/);
    assert.equal(out.split('\n').length, code.split('\n').length, 'same number of lines');
    assert.equal(out.split('\n').indexOf('const after = 1;'), code.split('\n').indexOf('const after = 1;'));
  });

  it('refuses a hole it cannot keep (a selector), instead of minifying it into something else', () => {
    assert.throws(() => minifyCssTemplates('css`${sel} { color: red }`', 'x.ts'), /hole|Unexpected|Invalid/);
  });
});
