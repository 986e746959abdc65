// The builds rewrite the elements' Lit decorators into `static properties`, query getters and
// `customElements.define` (scripts/lit-static-properties.ts). The component tests run the rewritten classes
// (web-test-runner.config.mjs); these check the rewrite itself: what it produces, what it leaves alone, and that every
// decorator the kit writes is covered, so no `__decorate` helper ships.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ReactiveElement } from '@lit/reactive-element';
import ts from 'typescript';
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
        'export class VrX extends LitElement {',
        '   maxN = 3;',
        '  ',
        '  get level(): number {',
        '    return 1;',
        '  }',
        '   private open = false;',
        "  get button() { return this.renderRoot?.querySelector('button.x') ?? null; }",
        "; static properties = { maxN: { type: Number, attribute: 'max-n' }, level: { type: Number, noAccessor: true }, " +
          "open: { state: true } }; } customElements.define('vr-x', VrX);",
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

  it('gives Lit the same properties, attributes, accessors, queries and definitions as the decorators', async () => {
    // Each source form runs twice, compiled as the builds compile it (experimentalDecorators, no define semantics for
    // fields): as written, with the decorators, and rewritten. What Lit made of each exported class must be the same.
    const forms: Record<string, string> = {
      'an option reading a static member of the class': `
        export class A extends ReactiveElement {
          static flag = { fromAttribute: (v) => v === 'yes', toAttribute: (v) => (v ? 'yes' : 'no') };
          @property({ converter: A.flag, reflect: true }) on = false;
          @property({ type: Number }) n = 1;
        }`,
      'an option reading a static member written after it': `
        export class A extends ReactiveElement {
          @property({ attribute: A.attr }) p = '';
          static attr = 'the-p';
        }`,
      'a subclass of a class with its own static properties': `
        export class Base extends ReactiveElement {
          static properties = { a: { type: Number } };
        }
        export class Sub extends Base {
          @property({ type: Boolean, reflect: true }) b = true;
          @state() s = 2;
        }`,
      'hand-written accessors, with and without noAccessor': `
        export class A extends ReactiveElement {
          #x = 1;
          @property({ type: Number }) get x() { return this.#x; }
          set x(v) { this.#x = v; }
          #y = 1;
          @property({ type: Number, noAccessor: true }) get y() { return this.#y; }
          set y(v) { const old = this.#y; this.#y = v; this.requestUpdate('y', old); }
        }`,
      'a field named like its option or a module binding': `
        const type = Number;
        export class A extends ReactiveElement {
          @property({ type }) type = 3;
          @property({ attribute: 'data-x' }) attribute = 'a';
          @state() state = 0;
        }`,
      'an aliased import, a query, a definition, two classes': `
        @element('vr-one')
        export class One extends ReactiveElement {
          @prop({ type: Number }) n = 1;
          @query('.x') x;
        }
        @element('vr-two')
        export default class Two extends One {
          @prop() label = '';
        }`,
      'a query on a getter, decorators in comments and strings, a class expression': `
        // @property() commented = 1;
        export const text = '@state() s = 1';
        export class A extends ReactiveElement {
          @query('.q') get q() { return null; }
          @property({ attribute: '@property()' }) p = text;
        }
        export const B = class extends ReactiveElement {
          @property({ type: Number }) n = 2;
        };`,
      'a subclass redeclaring a property, a declared field, a last field without a semicolon': `
        export class Base extends ReactiveElement {
          static properties = { a: { type: Number } };
        }
        export class Sub extends Base {
          @property({ type: Boolean, reflect: true }) declare a: boolean;
          @state({ hasChanged: (v, old) => v !== old && v !== 0 }) s = 1
          @property() last = 'x'
        }`,
      'a decorator name exported again': `
        export { property };
        export class A extends ReactiveElement {
          @property() p = 1;
        }`,
    };
    const resolved = (specifier: string) => JSON.stringify(import.meta.resolve(specifier));
    const header = `import { ReactiveElement } from '@lit/reactive-element';
      import { customElement, property, query, state, customElement as element, property as prop } from 'lit/decorators.js';`;
    // The declaration `@property()` gives a property: Lit's defaults, which `p: {}` leaves to Lit (the same thing).
    class Defaults extends ReactiveElement {}
    Defaults.createProperty('p');
    const defaults = Defaults.elementProperties.get('p');
    const dir = mkdtempSync(join(tmpdir(), 'lit-static-'));
    const defined: string[] = [];
    const realRegistry = Object.getOwnPropertyDescriptor(globalThis, 'customElements');
    Object.defineProperty(globalThis, 'customElements', {
      configurable: true,
      value: { define: (tag: string, c: { name: string }) => defined.push(`${tag}=${c.name}`), get: () => undefined },
    });
    const describe = (value: unknown): unknown =>
      typeof value === 'function'
        ? `function ${String(value)}`
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]))
          : value;
    /** What Lit made of a module's classes: properties and options, attributes, accessors, an instance, queries. */
    const run = async (code: string, file: string) => {
      // Imported from a temporary folder: the packages by their resolved paths.
      const located = code.replace(/'(@lit\/reactive-element|lit\/decorators\.js)'/g, (_, name: string) =>
        resolved(name),
      );
      const js = ts.transpileModule(located, {
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: true,
          useDefineForClassFields: false,
        },
        reportDiagnostics: true,
      });
      assert.deepEqual(js.diagnostics, [], `${file} compiles`);
      writeFileSync(join(dir, file), js.outputText);
      defined.length = 0;
      const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
      const classes = Object.entries(module).filter(
        (entry): entry is [string, typeof ReactiveElement] =>
          typeof entry[1] === 'function' && 'elementProperties' in entry[1],
      );
      const report = classes.map(([exported, C]) => {
        const observed = (C as unknown as { observedAttributes: string[] }).observedAttributes;
        const instance = new (C as unknown as new () => Record<string, unknown>)();
        const names = [...C.elementProperties.keys()].map(String);
        const accessors = Object.getOwnPropertyNames(C.prototype)
          .filter((n) => n !== 'constructor' && Object.getOwnPropertyDescriptor(C.prototype, n)?.get)
          .sort();
        return {
          exported,
          properties: names.map((n) => [n, describe({ ...defaults, ...C.elementProperties.get(n) })]),
          observed,
          accessors,
          values: names.map((n) => [n, instance[n], Object.hasOwn(instance, n) ? 'own field' : 'through accessor']),
          attributeToProperty: observed.map((a) => {
            (instance as unknown as ReactiveElement).attributeChangedCallback(a, null, 'yes');
            return [a, ...names.map((n) => instance[n])];
          }),
        };
      });
      return { report, defined: [...defined] };
    };
    try {
      let i = 0;
      for (const [form, body] of Object.entries(forms)) {
        const code = `${header}\n${body}`;
        const out = rewrite(code);
        assert.notEqual(out, code, `${form}: rewritten`);
        const asWritten = await run(code, `${i}-as-written.ts.mjs`);
        const rewritten = await run(out, `${i}-rewritten.ts.mjs`);
        assert.deepEqual(rewritten, asWritten, `${form}:\n${out}`);
        i += 1;
      }
    } finally {
      if (realRegistry) Object.defineProperty(globalThis, 'customElements', realRegistry);
      else delete (globalThis as { customElements?: unknown }).customElements;
      rmSync(dir, { recursive: true, force: true });
    }
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
      const parsed = ts.createSourceFile(file, out, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const errors = (parsed as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
      assert.deepEqual(
        errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
        [],
        `${file}: the rewrite parses`,
      );
      if (out !== code) rewritten += 1;
    }
    assert.ok(rewritten >= 10, `${rewritten} element sources rewritten`);
  });
});
