// The builds rewrite the elements' Lit decorators into `static properties`, query getters and
// `customElements.define` (scripts/lit-static-properties.ts). The component tests run the rewritten classes
// (web-test-runner.config.mjs); these check the rewrite itself: what it produces, what it leaves alone, and that every
// decorator the kit writes is covered, so no `__decorate` helper ships.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { litDecoratorsToStatic } from '../../scripts/lit-static-properties.js';

const rewrite = (code: string) => litDecoratorsToStatic(code, 'fixture.ts');
const lines = (code: string) => code.split('\n').length;

describe('Lit decorators as static properties', () => {
  it('turns properties, states, queries and the element definition into what the decorators do', () => {
    const code = [
      "import { css } from 'lit';",
      "import { customElement, property, query, state } from 'lit/decorators.js';",
      "@customElement('vr-x')",
      'export class VrX extends LitElement {',
      "  @property({ type: Number, attribute: 'max-n' }) maxN = 3;",
      '  @property({ type: Number, noAccessor: true })',
      '  get level(): number {',
      '    return 1;',
      '  }',
      '  @state() private open = false;',
      "  @query('button.x') private button!: HTMLButtonElement;",
      '}',
    ].join('\n');
    const out = rewrite(code);
    assert.equal(
      out,
      [
        "import { css } from 'lit';",
        '',
        '',
        "export class VrX extends LitElement { static properties = { maxN: { type: Number, attribute: 'max-n' }, " +
          'level: { type: Number, noAccessor: true }, open: { state: true } };',
        '   maxN = 3;',
        '  ',
        '  get level(): number {',
        '    return 1;',
        '  }',
        '   private open = false;',
        "  get button() { return this.renderRoot?.querySelector('button.x') ?? null; }",
        "} customElements.define('vr-x', VrX);",
      ].join('\n'),
    );
    assert.equal(lines(out), lines(code), 'line numbers (and so the source map) hold');
  });

  it("keeps a state's own options and a property without options", () => {
    const code =
      "import { property, state } from 'lit/decorators.js';\n" +
      'class A extends LitElement {\n  @state({ hasChanged: h }) s = 1;\n  @property() p = 2;\n}';
    assert.match(rewrite(code), /static properties = \{ s: \{ \.\.\.\{ hasChanged: h \}, state: true \}, p: \{\} \};/);
  });

  it('leaves what it does not know to the decorators, and their import with them', () => {
    const cases = [
      // a query with `cache`
      "import { query } from 'lit/decorators.js';\nclass A extends LitElement {\n  @query('b', true) b!: HTMLElement;\n}",
      // a class writing its own static properties
      "import { property } from 'lit/decorators.js';\nclass A extends LitElement {\n  static properties = {};\n  @property() p = 1;\n}",
      // options over more than one line
      "import { property } from 'lit/decorators.js';\nclass A extends LitElement {\n  @property({\n    type: Number,\n  }) p = 1;\n}",
      // a decorator from elsewhere, and a static member
      "import { property } from './mine.js';\nclass A extends LitElement {\n  @property() p = 1;\n}",
      "import { property } from 'lit/decorators.js';\nclass A extends LitElement {\n  @property() static p = 1;\n}",
    ];
    for (const code of cases) assert.equal(rewrite(code), code);
  });

  it("keeps a decorator's import while something else still uses the name", () => {
    const code =
      "import { property, state } from 'lit/decorators.js';\n" +
      'class A extends LitElement {\n  @state() s = 1;\n  @property() p = state;\n  q = this.state;\n}';
    assert.ok(rewrite(code).startsWith("import { state } from 'lit/decorators.js';\n"));
  });

  it("rewrites every Lit decorator of the kit's elements", () => {
    const files = readdirSync('components', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join('components', file));
    let rewritten = 0;
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const out = litDecoratorsToStatic(code, file);
      assert.equal(lines(out), lines(code), file);
      assert.doesNotMatch(
        out,
        /@(property|state|query|customElement)\(|lit\/decorators/,
        `${file}: a decorator the build cannot rewrite would ship __decorate (see scripts/lit-static-properties.ts)`,
      );
      if (out !== code) rewritten += 1;
    }
    assert.ok(rewritten >= 10, `${rewritten} element sources rewritten`);
  });
});
