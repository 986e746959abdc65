// The Custom Elements Manifest (issue 16 §4): `npm run build` writes custom-elements.json with
// @custom-elements-manifest/analyzer (custom-elements-manifest.config.mjs), package.json "customElements" names it
// and "files" ships it. This generates it afresh and holds it to the elements' sources: every `vr-*` element, with
// the attributes its Lit properties declare and the events, parts, custom states, CSS properties and slots its
// JSDoc header documents, in the module a consumer imports (dist/components.js, `voiceroom-kit/components`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Named {
  readonly name: string;
  readonly type?: { readonly text: string };
}
interface ElementDeclaration {
  readonly name: string;
  readonly tagName?: string;
  readonly customElement?: boolean;
  readonly attributes?: readonly Named[];
  readonly events?: readonly Named[];
  readonly cssParts?: readonly Named[];
  readonly cssStates?: readonly Named[];
  readonly cssProperties?: readonly Named[];
  readonly slots?: readonly Named[];
  readonly members?: readonly (Named & { readonly privacy?: string })[];
}
interface Manifest {
  readonly schemaVersion: string;
  readonly modules: readonly {
    readonly path: string;
    readonly declarations?: readonly ElementDeclaration[];
    readonly exports?: readonly {
      readonly kind: string;
      readonly name: string;
      readonly declaration: { readonly name: string; readonly module?: string };
    }[];
  }[];
}

/** What an element's source says about it: tag, Lit attributes, and its JSDoc header's tags. */
interface Expected {
  readonly className: string;
  readonly attributes: Set<string>;
  readonly tags: Record<'fires' | 'csspart' | 'cssstate' | 'cssproperty' | 'slot', Set<string>>;
}

/** `@kind name - text`; a default slot has no name (`@slot - text`), a CSS property starts with `--`. */
const JSDOC_TAG = /@(fires|csspart|cssstate|cssprop|cssproperty|slot)\s+(?:\{[^}]*\}\s+)?(--[\w-]+|\w[\w-]*)?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.styles.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Attribute names of a class's Lit `@property()` fields: `attribute: 'x'`, else the lower-cased field name. */
function litAttributes(node: ts.ClassDeclaration): string[] {
  const names: string[] = [];
  for (const member of node.members) {
    if (
      !ts.isPropertyDeclaration(member) &&
      !ts.isSetAccessorDeclaration(member) &&
      !ts.isGetAccessorDeclaration(member)
    )
      continue;
    for (const decorator of ts.getDecorators(member) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'property')
        continue;
      const options = call.arguments[0];
      const attribute =
        options && ts.isObjectLiteralExpression(options)
          ? options.properties.find(
              (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'attribute',
            )?.initializer
          : undefined;
      if (attribute?.kind === ts.SyntaxKind.FalseKeyword) continue;
      names.push(attribute && ts.isStringLiteral(attribute) ? attribute.text : member.name.getText().toLowerCase());
    }
  }
  return names;
}

function expectedElements(): Map<string, Expected> {
  const classes = new Map<string, { node: ts.ClassDeclaration; text: string; source: ts.SourceFile }>();
  for (const file of sourceFiles(join(root, 'components'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const node of source.statements)
      if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, { node, text: source.text, source });
  }
  const attributesOf = (className: string): string[] => {
    const found = classes.get(className);
    if (!found) return [];
    const base = found.node.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText()))[0];
    return [...litAttributes(found.node), ...(base ? attributesOf(base) : [])];
  };
  const elements = new Map<string, Expected>();
  for (const [className, { node, source }] of classes) {
    const decorator = ts
      .getDecorators(node)
      ?.map((d) => d.expression)
      .find((e): e is ts.CallExpression => ts.isCallExpression(e) && e.expression.getText() === 'customElement');
    const tag = decorator?.arguments[0];
    if (!tag || !ts.isStringLiteral(tag)) continue;
    const doc = ts
      .getJSDocCommentsAndTags(node)
      .map((d) => d.getFullText(source))
      .join('\n');
    const tags: Expected['tags'] = {
      fires: new Set(),
      csspart: new Set(),
      cssstate: new Set(),
      cssproperty: new Set(),
      slot: new Set(),
    };
    for (const [, kind, name] of doc.matchAll(JSDOC_TAG))
      tags[kind === 'cssprop' ? 'cssproperty' : (kind as keyof Expected['tags'])].add(name ?? '');
    elements.set(tag.text, { className, attributes: new Set(attributesOf(className)), tags });
  }
  return elements;
}

const names = (list: readonly Named[] | undefined) => new Set((list ?? []).map((item) => item.name));

describe('custom-elements.json', () => {
  let work: string;
  let manifest: Manifest;
  const expected = expectedElements();

  before(() => {
    // The analyzer takes its output folder relative to the working directory: a scratch folder inside the project.
    mkdirSync(join(root, '.vr-build'), { recursive: true });
    work = mkdtempSync(join(root, '.vr-build', 'cem-'));
    const result = spawnSync(
      join(root, 'node_modules/.bin/cem'),
      ['analyze', '--outdir', relative(root, work), '--quiet'],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    manifest = JSON.parse(readFileSync(join(work, 'custom-elements.json'), 'utf8')) as Manifest;
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('package.json names it and ships it, and the build writes it', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      customElements?: string;
      files?: string[];
      scripts: Record<string, string>;
    };
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files?.includes('custom-elements.json'));
    assert.match(pkg.scripts['build']!, /\bcem analyze\b/);
  });

  it('finds the elements in the sources (self-check)', () => {
    assert.ok(expected.size >= 11, [...expected.keys()].join(', '));
    assert.ok(expected.get('vr-room')?.tags.cssstate.has('phase-live'), 'vr-room documents :state(phase-live)');
    assert.ok(expected.get('vr-seat')?.attributes.has('theme'), "an element inherits VrElement's theme attribute");
  });

  it('defines every vr-* element in the module consumers import, with its class', () => {
    assert.deepEqual(
      manifest.modules.map((m) => m.path),
      ['dist/components.js'],
    );
    const [module] = manifest.modules;
    const definitions = new Map(
      (module!.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => [e.name, e.declaration]),
    );
    assert.deepEqual([...definitions.keys()].sort(), [...expected.keys()].sort());
    for (const [tag, { className }] of expected) {
      assert.deepEqual(definitions.get(tag), { name: className, module: 'dist/components.js' }, tag);
      assert.ok(
        module!.exports?.some((e) => e.kind === 'js' && e.name === className),
        `${className} is exported`,
      );
    }
    const index = readFileSync(join(root, 'components/index.ts'), 'utf8');
    for (const { className } of expected.values())
      assert.match(index, new RegExp(`\\b${className}\\b`), `components/index.ts exports ${className}`);
  });

  it("lists each element's attributes, events, parts, custom states, CSS properties and slots as its source declares them", () => {
    const declarations = new Map(
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .filter((d) => d.tagName)
        .map((d) => [d.tagName!, d]),
    );
    for (const [tag, want] of expected) {
      const got = declarations.get(tag);
      assert.ok(got, tag);
      assert.equal(got.customElement, true, tag);
      assert.deepEqual(names(got.attributes), want.attributes, `${tag} attributes`);
      assert.deepEqual(names(got.events), want.tags.fires, `${tag} events (@fires)`);
      assert.deepEqual(names(got.cssParts), want.tags.csspart, `${tag} parts (@csspart)`);
      assert.deepEqual(names(got.cssStates), want.tags.cssstate, `${tag} custom states (@cssstate)`);
      assert.deepEqual(names(got.cssProperties), want.tags.cssproperty, `${tag} CSS properties (@cssproperty)`);
      assert.deepEqual(names(got.slots), want.tags.slot, `${tag} slots (@slot)`);
      for (const event of got.events ?? [])
        assert.match(event.type?.text ?? '', /^Vr\w+Event$/, `${tag} ${event.name} names its event class`);
      assert.deepEqual(
        (got.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name),
        [],
        `${tag} lists no private member`,
      );
    }
  });
});
