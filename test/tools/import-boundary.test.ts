// The import direction of docs/architecture.md §1 as a test: src/ is framework-free (rxjs only, vendor SDKs only
// lazily inside their backend), components/ is Lit over src/, nothing imports components/, server/, demo/
// or test/. Parsed with the TypeScript AST, so comments and strings that merely mention imports never count.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Backends that wrap a vendor SDK; memory runs our own rules and gets no exception. */
const VENDOR_BACKENDS = ['local', 'tencent'];
/** Packages a component may load on demand (heavy, touches window at load: docs/architecture.md §1). */
const LAZY_COMPONENT_PACKAGES = ['svgaplayerweb'];
/**
 * Packages the gift player's SVGA decoder (worker side) may import statically: that code runs in the decoding
 * worker, or is loaded with import() on the main thread, so the packages never reach the components' entry
 * chunk. fflate unzips SVGA 1.x files (issue 15).
 */
const DECODER_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'components/gift-player/svga-decode.ts': ['fflate'],
};
/**
 * The local protocol's schema (typebox builds its JSON Schema objects) and the server's frame check (typebox's
 * compiler, which uses `new Function`). The browser imports the schema's types only: no browser code may load
 * either module at run time (checked below), so the kit's bundle and its CSP stay as they are (issue 16 §5).
 */
const PROTOCOL_SCHEMA_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'src/backends/local/protocol-schema.ts': ['typebox'],
  'src/backends/local/protocol-check.ts': ['typebox'],
};
const SERVER_ONLY_SRC = ['src/backends/local/protocol-schema.ts', 'src/backends/local/protocol-check.ts'];

/**
 * Maintained libraries a component module may import statically, where they serve users better than our own code
 * did (issue 16 §5): an open menu is placed with Floating UI (menu-open.ts gives the reason and the cost; it loads
 * with a seat menu's lazy part, never with the kit's entry).
 */
const LIBRARY_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'components/controllers/menu-open.ts': ['@floating-ui/dom'],
};

interface ImportRef {
  specifier: string | undefined; // undefined: `import(expr)` with a computed argument
  kind: 'static' | 'type' | 'dynamic';
  line: number;
}

/** Every module reference in a file: import/export-from (value or type-only), import(), import('x').T. */
export function scanImports(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const isDeclarationFile = fileName.endsWith('.d.ts');
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const typeOnly = isDeclarationFile || node.importClause?.isTypeOnly === true;
      refs.push({ specifier: literal(node.moduleSpecifier), kind: typeOnly ? 'type' : 'static', line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const typeOnly = isDeclarationFile || node.isTypeOnly;
      refs.push({ specifier: literal(node.moduleSpecifier), kind: typeOnly ? 'type' : 'static', line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      refs.push({ specifier: literal(node.moduleReference.expression), kind: 'static', line: lineOf(node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      refs.push({ specifier: literal(node.arguments[0]), kind: 'dynamic', line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      refs.push({ specifier: literal(node.argument.literal), kind: 'type', line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

const isRxjs = (s: string) => s === 'rxjs' || s.startsWith('rxjs/');
const isLit = (s: string) => s === 'lit' || s.startsWith('lit/') || s.startsWith('@lit/');
const packageName = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
const isInside = (file: string, dir: string) => file === dir || file.startsWith(dir + sep);

/** `./x.js` names `./x.ts` in source (NodeNext); a relative import must point at a file that exists. */
function resolvesToFile(target: string): boolean {
  const candidates = [target];
  if (/\.(m|c)?js$/.test(target)) candidates.push(target.replace(/\.(m|c)?js$/, (ext) => ext.replace('js', 'ts')));
  if (target.endsWith('.js')) candidates.push(target.replace(/\.js$/, '.d.ts'));
  return candidates.some((c) => existsSync(c));
}

/**
 * Problems with one file's imports, as `path:line specifier — reason` strings. `relPath` is relative to the
 * project root with forward slashes; `exists` is injectable so the rules can be checked on synthetic input.
 */
export function checkFile(relPath: string, text: string, exists: (abs: string) => boolean = resolvesToFile): string[] {
  const problems: string[] = [];
  const abs = resolve(root, relPath);
  const area = relPath.split('/')[0];
  const vendor = /^src\/backends\/([^/]+)\//.exec(relPath)?.[1];
  const inVendorBackend = vendor !== undefined && VENDOR_BACKENDS.includes(vendor);
  const srcDir = join(root, 'src');
  const componentsDir = join(root, 'components');

  for (const { specifier, kind, line } of scanImports(relPath, text)) {
    const at = `${relPath}:${line} ${specifier === undefined ? 'import(<expression>)' : `'${specifier}'`}`;
    if (specifier === undefined) {
      problems.push(`${at} — computed import() cannot be checked; use a string literal`);
      continue;
    }
    if (area === 'server') {
      problems.push(...checkServerImport(at, abs, specifier, kind, exists));
      continue;
    }
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = resolve(dirname(abs), specifier);
      const allowed = area === 'src' ? [srcDir] : [srcDir, componentsDir];
      if (!allowed.some((dir) => isInside(target, dir))) {
        const where = relative(root, target).split(sep)[0];
        problems.push(`${at} — ${area}/ must not import ${where}/ (docs/architecture.md §1, import direction)`);
      } else if (!exists(target)) {
        problems.push(`${at} — does not resolve to a file`);
      } else if (
        kind !== 'type' &&
        !Object.hasOwn(PROTOCOL_SCHEMA_PACKAGES, relPath) &&
        SERVER_ONLY_SRC.some((p) => target === join(root, p).replace(/\.ts$/, '.js'))
      ) {
        problems.push(`${at} — the protocol's schema and check are server-only: import their types with import type`);
      }
      continue;
    }
    if (isRxjs(specifier)) continue;
    if (PROTOCOL_SCHEMA_PACKAGES[relPath]?.includes(packageName(specifier))) continue;
    if (area === 'components') {
      if (isLit(specifier)) continue;
      if (LAZY_COMPONENT_PACKAGES.includes(packageName(specifier)) && kind !== 'static') continue;
      if (DECODER_PACKAGES[relPath.split(sep).join('/')]?.includes(packageName(specifier))) continue;
      if (LIBRARY_PACKAGES[relPath.split(sep).join('/')]?.includes(packageName(specifier))) continue;
      problems.push(`${at} — components/ imports only lit, @lit/*, rxjs, src/ and components/`);
      continue;
    }
    // src/: vendor SDKs only inside their own backend, and only lazily so the core bundle never carries them.
    if (inVendorBackend && !specifier.startsWith('node:') && kind !== 'static') continue;
    if (inVendorBackend && !specifier.startsWith('node:')) {
      problems.push(`${at} — load vendor SDKs with import() (or import type) so they stay lazy chunks`);
    } else {
      problems.push(`${at} — src/ imports nothing but rxjs${inVendorBackend ? ' and its vendor SDK' : ''}`);
    }
  }
  return problems;
}

/**
 * server/ may use Node, `ws`, `better-sqlite3`, `werift` (the SFU), `pino` (logs) and `typebox` (the REST body schemas
 * and their compiled check, server/http/rest-schema.ts), its own files, and from src/ only the framework-free domain
 * (src/core.ts, model/, rules/), the room engine, the wire protocol and its server-side check, and the SVGA reader the
 * gift player shares (src/svga/): never the store, components or demo.
 * Its launcher (the `voiceroom-server` bin) also loads `tsx`, which compiles the sources as they load.
 */
const SERVER_PACKAGES = ['ws', 'better-sqlite3', 'werift', 'pino', 'typebox'];
const SERVER_LAUNCHER = 'server/bin/voiceroom-server.mjs';
const SERVER_SRC = [
  'src/core.ts',
  'src/model',
  'src/rules',
  'src/engine',
  'src/backends/local/protocol.ts',
  ...SERVER_ONLY_SRC,
  'src/svga',
];

function checkServerImport(
  at: string,
  abs: string,
  specifier: string,
  kind: string,
  exists: (abs: string) => boolean,
): string[] {
  if (at.startsWith(`${SERVER_LAUNCHER}:`) && packageName(specifier) === 'tsx') return [];
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(abs), specifier);
    const inServer = isInside(target, join(root, 'server'));
    const srcOk = SERVER_SRC.some((p) => {
      const base = join(root, p);
      return isInside(target, base) || target === base.replace(/\.ts$/, '.js');
    });
    if (!inServer && !srcOk)
      return [
        `${at} — server/ imports only server/, src/core, src/model, src/rules, src/engine, src/svga and the local protocol`,
      ];
    return exists(target) ? [] : [`${at} — does not resolve to a file`];
  }
  if (specifier.startsWith('node:') || SERVER_PACKAGES.includes(packageName(specifier))) return [];
  void kind;
  return [`${at} — server/ uses only Node built-ins, ${SERVER_PACKAGES.join(', ')}`];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(m|c)?[tj]s$/.test(entry.name)) out.push(path);
  }
  return out;
}

function checkTree(area: 'src' | 'components' | 'server'): string[] {
  return sourceFiles(join(root, area)).flatMap((abs) =>
    checkFile(relative(root, abs).split(sep).join('/'), readFileSync(abs, 'utf8')),
  );
}

describe('import boundaries', () => {
  it('src/ imports only rxjs and files inside src/ (vendor SDKs lazily in their backend)', () => {
    assert.deepEqual(checkTree('src'), []);
  });

  it('components/ imports only lit, @lit/*, rxjs, and files inside components/ or src/', () => {
    assert.deepEqual(checkTree('components'), []);
  });

  it('server/ imports only Node, ws, better-sqlite3, werift, pino, typebox, and the domain, engine, protocol and SVGA reader from src/', () => {
    assert.deepEqual(checkTree('server'), []);
  });

  it('each package declares what its code imports: the kit what src/ and components/ load, the server its own', () => {
    const manifest = (path: string) =>
      JSON.parse(readFileSync(join(root, path), 'utf8')) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
    const packagesOf = (area: 'src' | 'components' | 'server') =>
      sourceFiles(join(root, area)).flatMap((abs) =>
        scanImports(abs, readFileSync(abs, 'utf8'))
          .filter(
            (r) => r.kind !== 'type' && r.specifier && !r.specifier.startsWith('.') && !r.specifier.startsWith('node:'),
          )
          .map((r) => packageName(r.specifier!)),
      );
    const kit = manifest('package.json');
    const kitImports = new Set([...packagesOf('src'), ...packagesOf('components')]);
    // The Tencent SDK is the optional peer of backends/tencent (loaded with import() only when that backend is used).
    assert.deepEqual(
      [...kitImports].filter((p) => !kit.dependencies?.[p] && !kit.peerDependencies?.[p]),
      [],
      'imported by the kit, not declared',
    );
    assert.deepEqual(
      Object.keys(kit.dependencies ?? {}).filter((p) => !kitImports.has(p)),
      [],
      'declared by the kit, imported by nothing it ships',
    );
    const server = manifest('server/package.json');
    const serverImports = new Set(packagesOf('server'));
    assert.deepEqual(
      [...serverImports].filter((p) => !server.dependencies?.[p]),
      [],
      'imported by server/, not in server/package.json',
    );
    assert.deepEqual(
      Object.keys(server.dependencies ?? {}).filter((p) => !serverImports.has(p)),
      [],
      'declared by the server, imported by nothing in it',
    );
  });

  it('the server checker catches the store, components and unknown packages (self-check)', () => {
    const always = () => true;
    assert.equal(checkFile('server/app.ts', `import { createRoom } from '../src/index.js';`, always).length, 1);
    assert.equal(checkFile('server/app.ts', `import '../components/index.js';`, always).length, 1);
    assert.equal(checkFile('server/app.ts', `import express from 'express';`, always).length, 1);
    assert.equal(
      checkFile(
        'src/backends/local/local-backend.ts',
        `import { parseClientFrame } from './protocol-check.js';`,
        always,
      ).length,
      1,
      'the browser never loads the compiled frame check',
    );
    assert.deepEqual(
      checkFile('src/backends/local/protocol.ts', `import type { RtcRequest } from './protocol-schema.js';`, always),
      [],
    );
    assert.deepEqual(
      checkFile(
        'server/app.ts',
        `import { WebSocket } from 'ws';\nimport { endRoom } from '../src/core.js';\nimport { RoomEngine } from '../src/engine/room-engine.js';\nimport { readFileSync } from 'node:fs';`,
        always,
      ),
      [],
    );
    assert.equal(
      checkFile('server/app.ts', `import { register } from 'tsx/esm/api';`, always).length,
      1,
      'tsx only in the launcher',
    );
    assert.deepEqual(
      checkFile(SERVER_LAUNCHER, `import { register } from 'tsx/esm/api';\nawait import('../main.ts');`, always),
      [],
    );
  });
});

describe('import boundary scanner (self-check on synthetic files)', () => {
  const always = () => true;

  it('finds static, type-only, export-from, dynamic and import-type references', () => {
    const refs = scanImports(
      'x.ts',
      [
        `import { a } from './a.js';`,
        `import type { B } from 'b';`,
        `export * from './c.js';`,
        `export type { D } from './d.js';`,
        `const e = await import('e');`,
        `let f: import('f').F;`,
        `import './side-effect.js';`,
      ].join('\n'),
    );
    assert.deepEqual(
      refs.map((r) => `${r.kind} ${r.specifier}`),
      ['static ./a.js', 'type b', 'static ./c.js', 'type ./d.js', 'dynamic e', 'type f', 'static ./side-effect.js'],
    );
  });

  it('ignores imports mentioned in comments and strings', () => {
    const text = `// import 'lit';\n/* export * from 'node:fs' */\nconst s = "import('../components/x.js')";\n`;
    assert.deepEqual(scanImports('x.ts', text), []);
  });

  it('rejects lit, Node built-ins and other packages in src/', () => {
    const text = `import { html } from 'lit';\nexport { readFile } from 'node:fs';\nimport { map } from 'rxjs/operators';\n`;
    const problems = checkFile('src/store/store.ts', text, always);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /'lit'/);
    assert.match(problems[1]!, /'node:fs'/);
  });

  it('rejects src/ reaching into components/, server/, demo/ or test/, also through import()', () => {
    const text = [
      `import '../../components/index.js';`,
      `import '../../server/main.js';`,
      `await import('../../demo/app.js');`,
      `export * from '../../test/helpers.js';`,
    ].join('\n');
    const problems = checkFile('src/store/room.ts', text, always);
    assert.equal(problems.length, 4, problems.join('\n'));
  });

  it('allows a vendor SDK only lazily and only inside its backend', () => {
    const lazy = `import type TRTC from 'trtc-sdk-v5';\nconst m = await import('trtc-sdk-v5/trtc.esm.js');\n`;
    assert.deepEqual(checkFile('src/backends/tencent/adapter.ts', lazy, always), []);
    assert.equal(checkFile('src/backends/tencent/adapter.ts', `import TRTC from 'trtc-sdk-v5';`, always).length, 1);
    assert.equal(checkFile('src/backends/memory/index.ts', `await import('trtc-sdk-v5');`, always).length, 1);
    assert.equal(checkFile('src/media/mic.ts', `await import('trtc-sdk-v5');`, always).length, 1);
  });

  it('rejects a computed import() and a relative import that resolves to nothing', () => {
    assert.equal(checkFile('src/a.ts', 'await import(name);', always).length, 1);
    assert.equal(checkFile('src/a.ts', `import './no-such-file.js';`, () => false).length, 1);
  });

  it('lets components/ use lit and src/, but not server/, test/ or other packages', () => {
    const ok = `import { LitElement } from 'lit';\nimport { consume } from '@lit/context';\nimport { createRoom } from '../../src/index.js';\nconst svga = await import('svgaplayerweb');\n`;
    assert.deepEqual(checkFile('components/seat/seat.ts', ok, always), []);
    const bad = `import '../../server/main.js';\nimport '../../test/x.js';\nimport React from 'react';\nimport SVGA from 'svgaplayerweb';\n`;
    assert.equal(checkFile('components/seat/seat.ts', bad, always).length, 4);
  });
});
