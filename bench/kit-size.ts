/**
 * The kit's size as a product ships it (issue 14): the library is built (`vite build`, our config, into a temp
 * dir), then a consumer's Vite build (minified, lit and rxjs external as every app that uses Lit has them anyway)
 * bundles an app that imports every export of a public entry point and uses each one, so nothing is shaken away.
 * What the browser fetches before the kit can run is the entry chunk plus its static imports; `import()`ed chunks
 * (the zh-CN strings, the SVGA effects, svgaplayerweb, the Tencent SDKs) are counted apart.
 *
 * The app uses its imports as an app does, through local bindings its minifier renames, and the one statement that
 * uses them all (an array of every binding) is taken out of the entry chunk before it is measured: it is the
 * harness's code, not the kit's. Until session 13 the app re-exported the entry whole (`export *`); that also
 * shipped an export table of every public name (206 of them for `kit`, 1.7 KB gzip) that no app has. `npm run bench
 * size` still prints that figure beside the new one (`method: 'reexport'`).
 *
 * Used by `npm run bench size` (with a baseline: the same build with the css and html templates left as written) and by the size
 * budget test in test/tools/kit-size.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * What a measured app imports: a file of the built library, whole (every export, each one used), or with only the
 * names listed (none: the file imported for what it registers).
 */
export type KitImport = string | readonly [file: string, names: readonly string[]];

/** A public entry point and what a consumer writes to get all of it. */
export const KIT_ENTRIES = {
  /** The headline figure: the store, every element and the local backend. */
  kit: ['index.js', 'components.js', 'backends/local.js'],
  /**
   * What an app that shows a room pays: every element registered, `createRoom` and the local backend, and nothing
   * else of the API (the room directory, the rules a custom UI renders, the media helpers, the building blocks).
   */
  'room app': [
    ['components.js', []],
    ['index.js', ['createRoom']],
    ['backends/local.js', ['LocalBackend']],
  ],
  'voiceroom-kit': ['index.js'],
  'voiceroom-kit/core': ['core.js'],
  'voiceroom-kit/components': ['components.js'],
  'voiceroom-kit/backends/local': ['backends/local.js'],
  'voiceroom-kit/backends/memory': ['backends/memory.js'],
  'voiceroom-kit/backends/tencent': ['backends/tencent.js'],
} as const satisfies Record<string, readonly KitImport[]>;
export type KitEntry = keyof typeof KIT_ENTRIES;

export interface ChunkSize {
  readonly name: string;
  readonly bytes: number;
  readonly gzip: number;
  readonly code: string;
}

/**
 * The lazy chunks a room's first screen asks for at once: the elements of its live view (live info, audience, like,
 * barrage, gift player), which a `<vr-room>` fetches as soon as it is on the page, while it joins
 * (components/room/live-tags.ts, LIVE_ELEMENTS).
 */
export const FIRST_SCREEN_CHUNKS = ['live-elements'] as const;

export interface EntrySize {
  /** Entry chunk and everything it imports statically: what loads before the kit runs. */
  readonly initial: readonly ChunkSize[];
  /** Chunks only reached through import(). */
  readonly lazy: readonly ChunkSize[];
  readonly initialGzip: number;
  readonly initialBytes: number;
  /**
   * The lazy chunks of FIRST_SCREEN_CHUNKS with every lazy chunk they import statically (empty for an entry without
   * them), and gzip bytes of the first screen in all: the initial load and these.
   */
  readonly firstScreen: readonly ChunkSize[];
  readonly firstScreenGzip: number;
}

export interface KitSizeOptions {
  /** Build the library with the elements' `css` and `html` templates as written (the minifiers' baseline). */
  readonly templatesAsWritten?: boolean;
  readonly entries?: readonly KitEntry[];
  /**
   * How the app keeps every export: `'bindings'` (the default) imports each one and uses it; `'reexport'` is the
   * method before session 13 (`export *`, whose export table of public names is measured with the kit).
   */
  readonly method?: 'bindings' | 'reexport';
}

interface BuiltChunk {
  type: 'chunk' | 'asset';
  fileName: string;
  name?: string;
  code?: string;
  isEntry?: boolean;
  imports?: string[];
  exports?: string[];
}

/** The chunks of what `vite.build()` returned (one output or several). */
const outputChunks = <C extends BuiltChunk = BuiltChunk>(out: unknown): C[] =>
  (Array.isArray(out) ? out : [out]).flatMap((o) => (o as { output: C[] }).output).filter((o) => o.type === 'chunk');

/** The global the measured app stores every import in; its statement is cut from the entry chunk before measuring. */
const KEEP = '__vrKitExports';

/**
 * An app that imports `paths` (files of the built library, each with the export names it uses) and uses each name:
 * one array of all the bindings, stored where no bundler can drop it. A file with no names is imported for what it
 * registers (`voiceroom-kit/components` defines the elements).
 */
export function appUsingEverything(paths: readonly (readonly [file: string, exports: readonly string[]])[]): string {
  const bindings: string[] = [];
  const imports = paths.map(([file, names], i) => {
    if (!names.length) return `import ${JSON.stringify(file)};`;
    const specifiers = names.map((name, j) => {
      bindings.push(`e${i}_${j}`);
      return `${name} as e${i}_${j}`;
    });
    return `import { ${specifiers.join(', ')} } from ${JSON.stringify(file)};`;
  });
  return `${imports.join('\n')}\nglobalThis.${KEEP} = [${bindings.join(', ')}];\n`;
}

/** The app of the method before session 13: `export *` of a whole file, else the names it uses. */
function reexport(file: string, names: '*' | readonly string[]): string {
  if (names === '*') return `export * from ${JSON.stringify(file)};`;
  return names.length
    ? `export { ${names.join(', ')} } from ${JSON.stringify(file)};`
    : `import ${JSON.stringify(file)};`;
}

/**
 * `code` without the app's `globalThis.__vrKitExports = […]` statement (as its minifier wrote it). The array holds
 * bindings and the constants the minifier inlined: no brackets inside strings in practice, but strings and template
 * literals are skipped anyway. Throws unless the statement is there exactly once.
 */
export function withoutKeepStatement(code: string): string {
  const mark = `globalThis.${KEEP}=[`;
  const start = code.indexOf(mark);
  if (start < 0 || code.indexOf(mark, start + 1) >= 0) throw new Error(`expected one ${mark}…] in the entry chunk`);
  let depth = 0;
  let i = start + mark.length - 1;
  for (; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  if (depth !== 0) throw new Error(`unterminated ${mark}…] in the entry chunk`);
  // The separator it leaves (`;` or `,` of a sequence) goes with it.
  let end = i + 1;
  let from = start;
  if (code[from - 1] === ',') from--;
  else if (code[end] === ';' || code[end] === ',') end++;
  return code.slice(0, from) + code.slice(end);
}

/** A consumer's bundle of `file`: lit and rxjs external, as every app that uses Lit has them anyway. */
function consumerInput(file: string) {
  return {
    input: file,
    external: (id: string) => /^(lit|@lit\/|lit-html|lit-element|rxjs)(\/|$)/.test(id),
    // Every export kept (nothing shaken away), and, as in an app's own build, code the lazy chunks share with the
    // entry may stay in the entry chunk ('strict' would split it into extra initial chunks).
    preserveEntrySignatures: 'allow-extension' as const,
  };
}

/** The chunks `from` selects and every chunk they import statically, but none of `except`. */
export function withStaticImports(
  chunks: readonly BuiltChunk[],
  from: (chunk: BuiltChunk) => boolean,
  except: ReadonlySet<string> = new Set(),
): Set<string> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const names = new Set<string>();
  const visit = (name: string) => {
    if (names.has(name) || except.has(name)) return;
    names.add(name);
    for (const next of byName.get(name)?.imports ?? []) if (byName.has(next)) visit(next);
  };
  for (const chunk of chunks) if (from(chunk)) visit(chunk.fileName);
  return names;
}

/** The entry chunks and every chunk they import statically: what loads before the kit runs. */
const initialChunkNames = (chunks: readonly BuiltChunk[]) => withStaticImports(chunks, (chunk) => !!chunk.isEntry);

/** The library's chunk files carry a content hash; the name is what the part is. */
const partName = (c: BuiltChunk) => (c.name ?? c.fileName).replace(/-[\w-]{8}$/, '');

const gzip = (code: string) => gzipSync(code, { level: 9 }).length;

const standInHash = (seed: string) => createHash('sha256').update(seed).digest('base64url').slice(0, 8);

/**
 * `code` with the content hashes in the chunk names it refers to (`./menu-Bx3k9_aQ.js`) replaced by hashes of the
 * names alone. Rolldown 1.3 derives them from the directory it builds in too, and each measure builds in a fresh one:
 * with the hashes as built, the same sources measured a few bytes apart from run to run. The stand-ins are as long
 * and as random as real hashes (`00000000` would compress better than any build ships), and two chunks of one name
 * (the audience and live-info panels are both `panel`) get different ones, by their order in the bundle's output.
 */
export function withFixedHashes(code: string, chunks: readonly { fileName: string }[]): string {
  let fixed = code;
  const seen = new Map<string, number>();
  for (const { fileName } of chunks) {
    const file = fileName.slice(fileName.lastIndexOf('/') + 1);
    const hashes = /(?:-[\w-]{8})+(?=\.js$)/.exec(file);
    if (!hashes) continue;
    const name = file.slice(0, hashes.index);
    const nth = seen.get(name) ?? 0;
    seen.set(name, nth + 1);
    let n = 0;
    const stable = `${name}${hashes[0].replace(/-[\w-]{8}/g, () => `-${standInHash(`${name}#${nth}#${n++}`)}`)}.js`;
    fixed = fixed.replaceAll(file, stable);
  }
  return fixed;
}

/** Builds the library once and each entry as a consumer would; sizes per entry. */
export async function measureKitSize(options: KitSizeOptions = {}): Promise<Record<KitEntry, EntrySize>> {
  const { build } = await import('vite');
  // Inside the project, so the consumer build resolves the kit's dependencies (fflate, @floating-ui/dom…) from its
  // node_modules as an app's build would from its own.
  mkdirSync(join(root, '.vr-build'), { recursive: true });
  const work = mkdtempSync(join(root, '.vr-build', 'kit-size-'));
  const previous = [process.env['VR_CSS_AS_WRITTEN'], process.env['VR_HTML_AS_WRITTEN']] as const;
  try {
    const dist = join(work, 'dist');
    for (const name of ['VR_CSS_AS_WRITTEN', 'VR_HTML_AS_WRITTEN']) {
      if (options.templatesAsWritten) process.env[name] = '1';
      else delete process.env[name];
    }
    const library = outputChunks(
      await build({
        configFile: join(root, 'vite.config.ts'),
        root,
        logLevel: 'silent',
        build: { outDir: dist, emptyOutDir: true, sourcemap: false },
      }),
    );
    const exportsOf = new Map(library.filter((c) => c.isEntry).map((c) => [c.fileName, c.exports ?? []]));
    // An entry read as exporting nothing would measure an app that uses nothing: a figure far too small.
    const exportsOfEntry = (path: string) => {
      const names = exportsOf.get(path);
      if (!names?.length) throw new Error(`the library build has no exports for ${path}`);
      return names;
    };
    /** The file and the names the app uses of it; a name the build does not export is refused. */
    const used = (item: KitImport) => {
      if (typeof item === 'string') return { path: item, names: exportsOfEntry(item), whole: true };
      const [path, names] = item;
      const missing = names.filter((name) => !exportsOfEntry(path).includes(name));
      if (missing.length) throw new Error(`${path} does not export ${missing.join(', ')}`);
      return { path, names, whole: false };
    };
    const method = options.method ?? 'bindings';
    const result = {} as Record<KitEntry, EntrySize>;
    for (const entry of options.entries ?? (Object.keys(KIT_ENTRIES) as KitEntry[])) {
      const file = join(work, `${entry.replace(/\W+/g, '-')}.js`);
      const imports = (KIT_ENTRIES[entry] as readonly KitImport[]).map(used);
      writeFileSync(
        file,
        method === 'reexport'
          ? imports.map(({ path, names, whole }) => reexport(join(dist, path), whole ? '*' : names)).join('\n')
          : appUsingEverything(imports.map(({ path, names }) => [join(dist, path), names] as const)),
      );
      const out = await build({
        configFile: false,
        root: work,
        logLevel: 'silent',
        publicDir: false,
        build: {
          write: false,
          target: 'es2022',
          modulePreload: false,
          rolldownOptions: consumerInput(file),
        },
      });
      const chunks = outputChunks(out);
      const initialNames = initialChunkNames(chunks);
      const size = (c: BuiltChunk): ChunkSize => {
        const built = method === 'bindings' && c.isEntry ? withoutKeepStatement(c.code!) : c.code!;
        const code = withFixedHashes(built, chunks);
        return {
          name: partName(c),
          bytes: Buffer.byteLength(code),
          gzip: gzip(code),
          code,
        };
      };
      const firstNames = withStaticImports(
        chunks,
        (c) => !initialNames.has(c.fileName) && (FIRST_SCREEN_CHUNKS as readonly string[]).includes(partName(c)),
        initialNames,
      );
      const initial = chunks.filter((c) => initialNames.has(c.fileName)).map(size);
      const lazy = chunks.filter((c) => !initialNames.has(c.fileName)).map(size);
      const firstScreen = chunks.filter((c) => firstNames.has(c.fileName)).map(size);
      const initialGzip = initial.reduce((sum, c) => sum + c.gzip, 0);
      result[entry] = {
        initial,
        lazy,
        initialGzip,
        initialBytes: initial.reduce((sum, c) => sum + c.bytes, 0),
        firstScreen,
        firstScreenGzip: initialGzip + firstScreen.reduce((sum, c) => sum + c.gzip, 0),
      };
    }
    return result;
  } finally {
    (['VR_CSS_AS_WRITTEN', 'VR_HTML_AS_WRITTEN'] as const).forEach((name, i) => {
      if (previous[i] === undefined) delete process.env[name];
      else process.env[name] = previous[i];
    });
    rmSync(work, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export interface ModuleSize {
  /** Source path relative to the project (or the package path under node_modules). */
  readonly id: string;
  /** The chunk it landed in, and whether that chunk loads before the kit runs. */
  readonly chunk: string;
  readonly initial: boolean;
  /** Its code as rendered into the chunk (tree-shaken, before minification). */
  readonly bytes: number;
}

/**
 * What the `kit` entry's bytes are, per source module: the same sources built the way the library and a consumer
 * build them together (our vite.config's plugins, lit and rxjs external, minified), read from the bundler's own
 * module table. Sizes are each module's rendered code before minification, so they rank modules; the entry's
 * figures above are the real ones.
 */
export async function measureKitModules(): Promise<ModuleSize[]> {
  const { build } = await import('vite');
  mkdirSync(join(root, '.vr-build'), { recursive: true });
  const work = mkdtempSync(join(root, '.vr-build', 'kit-modules-'));
  try {
    const file = join(work, 'kit.ts');
    const sources = ['src/index.ts', 'components/index.ts', 'src/backends/local/index.ts'];
    writeFileSync(file, sources.map((path) => `export * from ${JSON.stringify(join(root, path))};`).join('\n'));
    const out = await build({
      configFile: join(root, 'vite.config.ts'),
      root,
      logLevel: 'silent',
      build: {
        write: false,
        lib: false,
        minify: true,
        sourcemap: false,
        modulePreload: false,
        rolldownOptions: consumerInput(file),
      },
    });
    const chunks = outputChunks<BuiltChunk & { modules: Record<string, { renderedLength: number }> }>(out);
    const initialNames = initialChunkNames(chunks);
    return chunks
      .flatMap((chunk) =>
        Object.entries(chunk.modules).map(([id, m]) => ({
          id: id
            .replace(`${root}/`, '')
            .replace(/^.*node_modules\//, 'node_modules/')
            .replace(/^\0/, ''),
          chunk: chunk.name ?? chunk.fileName,
          initial: initialNames.has(chunk.fileName),
          bytes: m.renderedLength,
        })),
      )
      .filter((m) => m.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The initial load's modules grouped by folder (components/room, src/store…), largest first. */
export function groupModules(modules: readonly ModuleSize[]): [string, number][] {
  const groups = new Map<string, number>();
  for (const m of modules) {
    if (!m.initial) continue;
    const parts = m.id.split('/');
    const group =
      m.id.endsWith('.styles.ts') || m.id.startsWith('components/styles/')
        ? 'css (*.styles.ts, styles/)'
        : parts.slice(0, parts.length > 2 ? 2 : 1).join('/');
    groups.set(group, (groups.get(group) ?? 0) + m.bytes);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

/** `npm run bench size`: every entry's initial and lazy sizes, and the CSS minification against its baseline. */
export async function runKitSizeBench(): Promise<void> {
  const asWritten = await measureKitSize({ templatesAsWritten: true, entries: ['kit', 'voiceroom-kit/components'] });
  const sizes = await measureKitSize();
  const reexported = await measureKitSize({ method: 'reexport', entries: ['kit'] });
  console.log('Kit size in a consumer Vite build (minified, lit + rxjs external), gzip -9\n');
  console.log('| Entry | Initial (min) | Initial (gzip) | Total (gzip) | Lazy chunks (gzip) |');
  console.log('|---|---|---|---|---|');
  for (const [entry, size] of Object.entries(sizes)) {
    const lazy = size.lazy.map((c) => `${c.name} ${kb(c.gzip)}`).join(', ') || '–';
    const total = size.initialGzip + size.lazy.reduce((sum, c) => sum + c.gzip, 0);
    console.log(`| ${entry} | ${kb(size.initialBytes)} | ${kb(size.initialGzip)} | ${kb(total)} | ${lazy} |`);
  }
  const modules = await measureKitModules();
  const total = modules.filter((m) => m.initial).reduce((sum, m) => sum + m.bytes, 0);
  console.log("\nWhat the kit's initial load is, per folder (rendered code before minification, share of the whole):");
  for (const [group, bytes] of groupModules(modules))
    console.log(`  ${group.padEnd(32)} ${kb(bytes).padStart(9)}  ${((100 * bytes) / total).toFixed(1)} %`);
  console.log('Largest modules of the initial load:');
  for (const m of modules.filter((m) => m.initial).slice(0, 25))
    console.log(`  ${m.id.padEnd(48)} ${kb(m.bytes).padStart(9)}`);
  console.log('\nBaseline in the same run: the library built with its css and html templates as written');
  for (const entry of ['kit', 'voiceroom-kit/components'] as const) {
    const ratio = sizes[entry].initialGzip / asWritten[entry].initialGzip;
    console.log(
      `  ${entry}: ${kb(asWritten[entry].initialGzip)} → ${kb(sizes[entry].initialGzip)} gzip (${ratio.toFixed(3)}×)`,
    );
  }
  // The figure by the method used until session 13, for comparing with older rows of BENCHMARKS.md.
  const exact = (n: number) => `${n.toLocaleString('en')} B`;
  console.log('\nkit, exact initial gzip: as an app uses it', exact(sizes.kit.initialGzip));
  console.log(
    `  an app that shows a room (every element, createRoom, LocalBackend): ${exact(sizes['room app'].initialGzip)}`,
  );
  console.log(`  re-exported whole (export *, the method before session 13): ${exact(reexported.kit.initialGzip)}`);
  const firstScreen = (entry: 'kit' | 'room app') =>
    `${exact(sizes[entry].firstScreenGzip)} (${sizes[entry].firstScreen.map((c) => `${c.name} ${exact(c.gzip)}`).join(', ')})`;
  console.log(`  with what a room's first screen fetches beside its join: kit ${firstScreen('kit')}`);
  console.log(`    room app ${firstScreen('room app')}`);
}
