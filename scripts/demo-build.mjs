// The demo build `npm start` serves (.vr-build/demo), built only when it is not up to date. Only Node built-ins
// here besides Vite's own binary: start.mjs and test.mjs load this before anything else runs.
//
// Up to date means: the last build finished and wrote its stamp (`<outDir>.build.json`, next to the output so the
// server never serves it), and nothing it was built from changed since. The stamp lists, with a SHA-256 of each:
//   - every file of the checkout outside DIRS_THE_BUILD_NEVER_READS (the demo, the kit's sources, scripts/, the
//     configs, package.json and the lockfile, demo/public…), so an edited, added or removed file there is seen even
//     when no module imports it (an asset a stylesheet names, a file that would now win a module resolution);
//   - every module the bundler loaded, the gift player's worker bundle's included, wherever it lies (a patched file
//     in node_modules, a file in an excluded directory that a module imports after all);
//   - node_modules/.package-lock.json: what is installed (a Vite or plugin upgrade changes the output too);
// and the settings of the build that are not files: its mode and the environment variables it reads
// (VR_CSS_AS_WRITTEN, VR_HTML_AS_WRITTEN, Vite's VITE_*). Anything else (no stamp, an interrupted build: the stamp
// is removed when a build starts and written when it has finished, output missing) builds again. A check reads every
// listed file: ~0.1 s, against a build's 5 s of CPU (15–30 s of wall time on a loaded 2-core machine).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where `npm start` builds the demo and serves it from, unless VR_DEMO_DIR names another directory. */
export const DEFAULT_DEMO_DIR = join(projectRoot, '.vr-build', 'demo');

/**
 * Top-level directories no demo input lives in: installed packages (covered by the modules the bundler loaded and
 * the installed lockfile), output and data, and the parts of the repository the demo does not import (tests,
 * benchmarks, docs, the server). scripts/ is read only through vite.config.ts's own imports (the Vite plugins),
 * which Vite lists as the config's dependencies; so editing the test runner does not make the demo out of date.
 * Leaving one out only costs a needless rebuild; a module in one that the demo imports after all is still listed,
 * as a loaded module.
 */
const DIRS_THE_BUILD_NEVER_READS = new Set([
  '.git',
  'node_modules',
  '.vr-build',
  '.vr-data',
  '.vite',
  'dist',
  'coverage',
  'test-results',
  'playwright-report',
  'test',
  'bench',
  'docs',
  'server',
  'scripts',
]);
/**
 * Files that are never inputs unless a module imports them (then they are listed as loaded modules): what the
 * project's own runs write next to the sources (.gitignore), and Markdown (README, CONTRIBUTING, BENCHMARKS).
 */
const NOT_INPUTS = /\.(md|log|tap|sqlite|sqlite-wal|sqlite-shm|db)$/;

/** The settings of a build that are not files. */
export function buildSettings(mode, env = process.env) {
  const vars = Object.keys(env)
    .filter((name) => name === 'VR_CSS_AS_WRITTEN' || name === 'VR_HTML_AS_WRITTEN' || name.startsWith('VITE_'))
    .sort();
  return { mode, env: Object.fromEntries(vars.map((name) => [name, env[name]])) };
}

/** Every file of the checkout a build may read without importing it (see DIRS_THE_BUILD_NEVER_READS). */
export function checkoutFiles(root = projectRoot) {
  const files = [];
  const walk = (dir, top) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (top && entry.isDirectory() && DIRS_THE_BUILD_NEVER_READS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, false);
      else if (entry.isFile() && !NOT_INPUTS.test(entry.name)) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root, true);
  return files;
}

const hashOf = (path) => {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return null; // gone
  }
};

/** The stamp of a build from `modules` (absolute paths the bundler loaded) and the checkout as it is now. */
export function stampFor({ mode, modules, root = projectRoot, env = process.env }) {
  const paths = new Set(checkoutFiles(root));
  for (const module of modules) {
    const path = relative(root, module).split(sep).join('/');
    if (path && !isAbsolute(path)) paths.add(path);
    else paths.add(module); // outside the checkout: kept absolute
  }
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) paths.add('node_modules/.package-lock.json');
  const files = {};
  for (const path of [...paths].sort()) files[path] = hashOf(resolve(root, path));
  return { ...buildSettings(mode, env), files };
}

/** `<outDir>.build.json`: next to the output, not in it, so the server does not serve it. */
export const stampFile = (outDir) => `${outDir.replace(/[\\/]+$/, '')}.build.json`;

/**
 * Why the build in `outDir` is not up to date, or null when it is: no stamp (never built, or a build that did not
 * finish), no output, other settings, or the first listed input that changed, appeared or went away.
 */
export function staleness(outDir, { mode = 'demo', root = projectRoot, env = process.env } = {}) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile(outDir), 'utf8'));
  } catch {
    return 'no finished build';
  }
  if (!existsSync(join(outDir, 'index.html'))) return 'its output is missing';
  if (JSON.stringify(buildSettings(mode, env)) !== JSON.stringify({ mode: stamp.mode, env: stamp.env }))
    return 'built with other settings';
  for (const path of checkoutFiles(root)) if (!(path in stamp.files)) return `${path} is new`;
  for (const [path, hash] of Object.entries(stamp.files))
    if (hashOf(resolve(root, path)) !== hash) return `${path} changed`;
  return null;
}

/** A module id as the bundler gives it, as a file path: no query, no virtual modules. */
function moduleFile(id) {
  if (id.startsWith('\0') || id.startsWith('virtual:')) return null;
  const path = id.split('?')[0];
  return isAbsolute(path) && existsSync(path) ? path : null;
}

/**
 * The Vite plugin that keeps the stamp (vite.config.ts's demo build): removed when a build starts, written once the
 * output is on disk, listing every module the bundler loaded. `worker` goes into `worker.plugins`, so the modules
 * of the gift player's worker bundle (a build of its own) are listed too.
 */
export function demoStampPlugins() {
  const modules = new Set();
  let outDir;
  let mode;
  const collect = {
    name: 'vr-demo-stamp-modules',
    apply: 'build',
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = moduleFile(id);
        if (file) modules.add(file);
      }
    },
  };
  const main = {
    ...collect,
    name: 'vr-demo-stamp',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      mode = config.mode;
      for (const file of config.configFileDependencies ?? []) modules.add(resolve(file));
    },
    buildStart() {
      rmSync(stampFile(outDir), { force: true });
    },
    closeBundle(error) {
      if (error) return;
      writeFileSync(stampFile(outDir), `${JSON.stringify(stampFor({ mode, modules }), null, 1)}\n`);
    },
  };
  return { main, worker: () => [collect] };
}

/**
 * The demo in `outDir`, built unless up to date (see `staleness`); `say` reports which. Resolves to Vite's exit code
 * (0 when nothing had to be built).
 */
export async function ensureDemoBuild({ outDir = DEFAULT_DEMO_DIR, say = console.log } = {}) {
  const why = staleness(outDir);
  if (why === null) {
    say(`demo up to date in ${relative(projectRoot, outDir) || outDir}, not rebuilt`);
    return 0;
  }
  const started = Date.now();
  const vite = fileURLToPath(new URL('../node_modules/.bin/vite', import.meta.url));
  const build = spawn(vite, ['build', '--mode', 'demo', '--logLevel', 'warn', '--outDir', resolve(outDir)], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  const code = await new Promise((done) => {
    build.on('error', () => done(127));
    build.on('exit', (exitCode, signal) => done(exitCode ?? (signal ? 128 : 1)));
  });
  if (code === 0) say(`demo built in ${((Date.now() - started) / 1000).toFixed(1)} s (${why})`);
  return code;
}
