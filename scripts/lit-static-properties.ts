// The elements declare their reactive properties with Lit's decorators (`@property`, `@state`, `@query`,
// `@customElement`), which read well and type-check. Compiled as TypeScript's experimentalDecorators each one ships
// as a `__decorate([property({…})], X.prototype, "name", void 0)` call, plus the `__decorate` helper and an import of
// lit/decorators.js (0.3 KB of the kit's initial gzip, issue 14). Our builds (the library, the demo and the browser
// tests) rewrite them before anything else sees the file into what Lit documents as the same thing:
//
// - `@property(options) name` and `@state() name` become entries of the class's `static properties` (the body's
//   last member, so its options see the other static members, as the decorators did), in source order
//   (`@state(o)` is `{ ...o, state: true }`: `createProperty` turns `state` into `attribute: false`, as `state()`
//   itself does). Lit reads that block in `finalize()` and calls the same `createProperty(name, options)`
//   the decorator calls, when the class is defined instead of when it is evaluated. Accessors written by hand
//   (`noAccessor`) and field initializers are left as written: with `useDefineForClassFields: false` an initializer
//   is an assignment in the constructor, which goes through the accessor `createProperty` made.
// - `@query(selector) name!: T` becomes `get name() { return this.renderRoot?.querySelector(selector) ?? null; }`,
//   the getter Lit's decorator installs (without `cache`; a member with `cache` is left as written).
// - `@customElement(tag) class X` becomes `customElements.define(tag, X)` after the class, which is all the decorator
//   does, at the same point (after the class and its static fields).
//
// Anything else (another decorator, a computed or static member, options spanning lines, a class that writes its
// own `static properties`) is left to the decorators. Rewrites keep every line's number, so the existing source map
// still holds. The decorators' names leave the import when nothing else uses them.

import ts from 'typescript';
import { type TemplatePlugin, templatePlugin } from './minify-css-templates.js';

type Kind = 'property' | 'state' | 'query' | 'customElement';
const KINDS = new Set<string>(['property', 'state', 'query', 'customElement']);

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const isStatic = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);

/** The decorator's call when it is `name(args…)` with a local name imported from lit's decorators. */
function litCall(
  decorator: ts.Decorator,
  names: ReadonlyMap<string, Kind>,
): { kind: Kind; name: string; args: readonly ts.Expression[] } | undefined {
  const call = decorator.expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return undefined;
  const kind = names.get(call.expression.text);
  return kind && { kind, name: call.expression.text, args: call.arguments };
}

/** Whether the identifier can refer to a binding: not a member's or property's name (`x.state`, `{ state: 1 }`). */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isImportSpecifier(parent)) return false;
  // `export { state }` and `export { state as s }` export the binding; `export { state } from '…'` is another's.
  if (ts.isExportSpecifier(parent))
    return !parent.parent.parent.moduleSpecifier && (parent.propertyName ?? parent.name) === node;
  if (ts.isPropertyAccessExpression(parent)) return parent.name !== node;
  if (ts.isQualifiedName(parent)) return parent.right !== node;
  if (ts.isBindingElement(parent)) return parent.propertyName !== node;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isClassElement(parent) ||
    ts.isTypeElement(parent) ||
    ts.isEnumMember(parent) ||
    ts.isJsxAttribute(parent)
  )
    return parent.name !== node;
  return true;
}

/** `code` with Lit's decorators rewritten as `static properties`, getters and `customElements.define` (see above). */
export function litDecoratorsToStatic(code: string, filename: string): string {
  const source = ts.createSourceFile(filename, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names = new Map<string, Kind>();
  const imports: ts.ImportDeclaration[] = [];
  for (const statement of source.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== 'lit/decorators.js'
    )
      continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause.isTypeOnly) continue;
    imports.push(statement);
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (KINDS.has(imported) && !element.isTypeOnly) names.set(element.name.text, imported as Kind);
    }
  }
  if (names.size === 0) return code;

  const text = (node: ts.Node) => code.slice(node.getStart(source), node.end);
  const oneLine = (node: ts.Node) => !text(node).includes('\n');
  const edits: Edit[] = [];
  /** Decorator calls rewritten, per local name: the name leaves the import when no other use is left. */
  const rewritten = new Map<string, number>();
  const dropDecorator = (decorator: ts.Decorator, name: string) => {
    edits.push({ start: decorator.getStart(source), end: decorator.end, text: '' });
    rewritten.set(name, (rewritten.get(name) ?? 0) + 1);
  };

  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const members = statement.members;
    const ownStaticProperties = members.some(
      (m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === 'properties' && isStatic(m),
    );
    const entries: string[] = [];
    for (const member of members) {
      const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
      if (decorators.length !== 1) continue;
      const decorator = decorators[0]!;
      const lit = litCall(decorator, names);
      if (!lit || !member.name || !ts.isIdentifier(member.name)) continue;
      if (isStatic(member)) continue;
      const name = member.name.text;
      if (lit.kind === 'property' || lit.kind === 'state') {
        const isField = ts.isPropertyDeclaration(member);
        if (ownStaticProperties || !(isField || ts.isGetAccessor(member) || ts.isSetAccessor(member))) continue;
        if (lit.args.length > 1 || !oneLine(decorator)) continue;
        const options = lit.args[0] ? text(lit.args[0]) : undefined;
        const declaration =
          lit.kind === 'state' ? (options ? `{ ...${options}, state: true }` : '{ state: true }') : (options ?? '{}');
        entries.push(`${name}: ${declaration}`);
        dropDecorator(decorator, lit.name);
      } else if (lit.kind === 'query') {
        if (!ts.isPropertyDeclaration(member) || member.initializer || lit.args.length !== 1) continue;
        if (!oneLine(member)) continue;
        const selector = text(lit.args[0]!);
        edits.push({
          start: member.getStart(source),
          end: member.end,
          text: `get ${name}() { return this.renderRoot?.querySelector(${selector}) ?? null; }`,
        });
        rewritten.set(lit.name, (rewritten.get(lit.name) ?? 0) + 1);
      }
    }
    if (entries.length > 0) {
      // Last in the body, on the line of its `}`: evaluated after the class's other static members, as the
      // decorators were (an option may read one: `converter: X.flag`). The `;` ends a last field written without one.
      const close = statement.end - 1;
      if (code[close] !== '}') throw new Error(`${filename}: no class body brace for ${statement.name.text}`);
      edits.push({ start: close, end: close, text: `; static properties = { ${entries.join(', ')} }; ` });
    }
    const classDecorators = ts.getDecorators(statement) ?? [];
    const element = classDecorators.length === 1 ? litCall(classDecorators[0]!, names) : undefined;
    if (element?.kind === 'customElement' && element.args.length === 1 && oneLine(classDecorators[0]!)) {
      dropDecorator(classDecorators[0]!, element.name);
      edits.push({
        start: statement.end,
        end: statement.end,
        text: ` customElements.define(${text(element.args[0]!)}, ${statement.name.text});`,
      });
    }
  }
  if (edits.length === 0) return code;

  // Every other use of a decorator's name keeps it imported (a local of the same name too: harmless).
  const uses = new Map<string, number>();
  const count = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && names.has(node.text) && isReference(node))
      uses.set(node.text, (uses.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, count);
  };
  count(source);
  for (const statement of imports) {
    const elements = (statement.importClause!.namedBindings as ts.NamedImports).elements;
    const kept = elements.filter((e) => (uses.get(e.name.text) ?? 0) !== (rewritten.get(e.name.text) ?? 0));
    if (kept.length === elements.length) continue;
    const replacement =
      kept.length === 0 && !statement.importClause!.name
        ? ''
        : `import ${statement.importClause!.name ? `${statement.importClause!.name.text}, ` : ''}{ ${kept
            .map((e) => text(e))
            .join(', ')} } from ${text(statement.moduleSpecifier)};`;
    const original = text(statement);
    edits.push({
      start: statement.getStart(source),
      end: statement.end,
      text: replacement + '\n'.repeat(original.split('\n').length - 1),
    });
  }

  let out = code;
  // Insertions at one position keep their order: sort by start, last first, stable.
  const ordered = edits.map((edit, i) => ({ edit, i })).sort((a, b) => b.edit.start - a.edit.start || b.i - a.i);
  for (const { edit } of ordered) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A vite/rolldown plugin rewriting Lit's decorators in the kit's own element sources (components/**.ts). */
export function litStaticPropertiesPlugin(): TemplatePlugin {
  return templatePlugin('vr-lit-static-properties', /@(property|state|query|customElement)\(/, litDecoratorsToStatic);
}
