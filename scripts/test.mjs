#!/usr/bin/env node
// Runs every test runner the project has and ends with exactly one line `N passed, N failed`, built from the
// runners' real counts (node --test's TAP totals, web-test-runner's counts reporter), for people and CI alike, after
// a `time:` line with each phase's wall time.
//
//   node scripts/test.mjs            # typecheck + lint + node + browser + e2e
//   node scripts/test.mjs static     # typecheck + lint only (side by side on an idle machine)
//   node scripts/test.mjs node       # node --test over test/{src,contract,server,tools}: two files at a time, then
//                                    # NODE_SERIAL_FILES one at a time
//   node scripts/test.mjs browser    # web-test-runner over test/{components,browser}
//   node scripts/test.mjs e2e        # node --test over test/e2e (WebRTC: Chromium pages + the SFU), inside a
//                                    # private network namespace when running as root and `unshare -n` works:
//                                    # the demo built first if out of date, then one file at a time
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoBuild } from './demo-build.mjs';
import { ensureBrowser, ensureDependencies } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const NODE_TEST_DIRS = ['test/src', 'test/contract', 'test/server', 'test/tools'];
const BROWSER_TEST_DIRS = ['test/components', 'test/browser'];
const E2E_TEST_DIRS = ['test/e2e'];

/** Node 20's --test does not expand globs, so collect `**\/*.test.ts` ourselves (sorted for stable order). */
function findTests(dirs) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.test.ts')) {
        files.push(relative(root, path));
      }
    }
  };
  for (const dir of dirs) {
    const abs = join(root, dir);
    if (existsSync(abs)) walk(abs);
  }
  return files.sort();
}

/** Spawns with inherited output and resolves to the exit code (signals count as failure). */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * WebRTC tests keep every packet on loopback: as root (CI) they run inside `unshare -n` with only `lo` up.
 * Elsewhere (a developer machine without root) they run plainly; ICE still prefers loopback there.
 */
function namespaceWrapper() {
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0 ? ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"'] : null;
}

/**
 * Node test files that run after the others, one at a time, with no other test file beside them: each one holds a
 * short real-time window that a second test process on the 2 cores could stretch past its bound. What the rest do
 * needs no core to itself: each file has its own in-process or child server on port 0, its own temp directory and
 * SQLite file, and waits on conditions, so two of those run side by side (see NODE_CONCURRENCY).
 */
const NODE_SERIAL_FILES = [
  // 10 kill -9 restarts of a server process under mixed load, a 15 s patience per restart (118.6 s at load ~25).
  'test/server/chaos.test.ts',
  // A normal client's latency under attack against its idle median or an unattacked server's, and RSS growth.
  'test/server/resources.test.ts',
  // REST answers while a webhook hangs: a median under 600 ms; 300 ms webhook deadlines counted.
  'test/server/callbacks.test.ts',
  // A 300 ms seat lease that must still hold 100 ms after the kill.
  'test/server/ws.test.ts',
  // A fault injected into a 300 ms seat lease's timer before the lease ends.
  'test/server/fault-containment.test.ts',
  // Seats restored under a 400 ms lease, read right after the restarted server is up.
  'test/server/restart.test.ts',
  // A 100 ms heartbeat + 200 ms lease: the seat is seen taken before it is released.
  'test/server/process.test.ts',
  // 2 s UserSigs that must close their connections within 6 s.
  'test/server/identity.test.ts',
];

/**
 * How many Node test files run at once outside NODE_SERIAL_FILES. Node 20's default is availableParallelism() - 1,
 * i.e. one at a time on the 2-core CI machine, where much of each file is waiting: starting a process with tsx
 * (~0.5 s of CPU, seconds of wall time on a loaded machine), servers, child processes. Two at a time is what was
 * measured there: the 78 files passed every run at load 1-32; beside the old one-at-a-time runner under the same
 * heavy load they finished 80 files to its 24 in 20 minutes, on a quiet machine about as fast as it (283 s vs 287 s;
 * CONTRIBUTING.md, "How `npm test` runs"). More is untried.
 */
const NODE_CONCURRENCY = 2;

/**
 * End-to-end files run one at a time. Two at a time (the files with a short real-time window, sfu and voice, after
 * the others, one at a time) was tried under load: with four CPU burners beside other sessions' builds and Chromium
 * (load ~30 on 2 cores), after-end failed once (a click on "Back to rooms" still retrying after Playwright's 30 s),
 * so the side-by-side batch is not deterministic under load (CONTRIBUTING.md, "How `npm test` runs").
 */
const E2E_CONCURRENCY = 1;

/** Reads node --test's TAP totals: undefined when the file has none (the runner died before its summary). */
function tapCounts(tapFile) {
  if (!existsSync(tapFile)) return undefined;
  const tap = readFileSync(tapFile, 'utf8');
  const total = (key) => {
    const match = new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap);
    return match ? Number(match[1]) : undefined;
  };
  const passed = total('pass');
  const failed = total('fail');
  if (passed === undefined || failed === undefined) return undefined;
  // A cancelled test (timeout, or its file died) did not pass: count it as failed.
  const cancelled = total('cancelled') ?? 0;
  return { passed, failed: failed + cancelled, skipped: (total('skipped') ?? 0) + (total('todo') ?? 0) };
}

/** One `node --test` over `files`, `concurrency` files at a time; resolves to its exit code and TAP counts. */
async function nodeTest(workDir, label, files, concurrency, wrap) {
  const tapFile = join(workDir, `${label}.tap`);
  const nodeArgs = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    // A backstop for a hung test, not a speed limit: node 20 applies it to each test file as a whole too, and
    // on a loaded 2-core machine a file of 10,000 fuzzed requests legitimately takes minutes.
    '--test-timeout=900000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  const code = wrap
    ? await run(wrap[0], [...wrap.slice(1), process.execPath, ...nodeArgs])
    : await run(process.execPath, nodeArgs);
  return { code, counts: tapCounts(tapFile) };
}

/**
 * The files under `dirs` in two batches: all but `serialFiles` `concurrency` at a time, then `serialFiles` one at a
 * time. `beforeSerial`, when given, is awaited between the two: what ran beside the first batch (the static checks)
 * has ended before the serial files start, so they still have the machine to themselves.
 * @returns {Promise<{ name: string, code: number, counts?: { passed: number, failed: number, skipped: number } }>}
 */
async function runNode(
  workDir,
  {
    name = 'node',
    dirs = NODE_TEST_DIRS,
    serialFiles = NODE_SERIAL_FILES,
    concurrency = NODE_CONCURRENCY,
    wrap = null,
    beforeSerial = null,
  } = {},
) {
  const files = findTests(dirs);
  if (files.length === 0) {
    console.log(`${name}: no test files under ${dirs.join(', ')}; skipped`);
    return { name, code: 0, counts: { passed: 0, failed: 0, skipped: 0 } };
  }
  if (wrap) console.log(`${name}: inside a private network namespace (unshare -n, loopback only)`);
  // A renamed or moved serial file would otherwise run side by side without anyone noticing.
  const missing = serialFiles.filter((f) => !files.includes(f));
  if (missing.length > 0) {
    console.error(`${name}: the serial files name files that do not exist: ${missing.join(', ')}`);
    return { name, code: 1 };
  }
  const batches = [
    { label: `${name}-side-by-side`, files: files.filter((f) => !serialFiles.includes(f)), concurrency },
    {
      label: `${name}-one-at-a-time`,
      files: files.filter((f) => serialFiles.includes(f)),
      concurrency: 1,
      serial: true,
    },
  ];
  let code = 0;
  let counts = { passed: 0, failed: 0, skipped: 0 };
  for (const batch of batches.filter((b) => b.files.length > 0)) {
    if (batch.serial && beforeSerial) await beforeSerial;
    console.log(`${name}: ${batch.files.length} files, ${batch.concurrency} at a time`);
    const started = Date.now();
    const result = await nodeTest(workDir, batch.label, batch.files, batch.concurrency, wrap);
    const took = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${name}: ${batch.files.length} files, ${batch.concurrency} at a time: exit code ${result.code} (${took} s)`,
    );
    code ||= result.code;
    // A batch that died before its summary leaves no number to trust for the phase.
    counts = counts &&
      result.counts && {
        passed: counts.passed + result.counts.passed,
        failed: counts.failed + result.counts.failed,
        skipped: counts.skipped + result.counts.skipped,
      };
  }
  return counts ? { name, code, counts } : { name, code };
}

/**
 * The end-to-end files. The suites that drive the demo through `npm start` serve the shared .vr-build/demo: it is
 * built here first when it is not up to date (scripts/demo-build.mjs), so their starts find it built instead of
 * each building it again (five builds of 5 s of CPU, 15–30 s of wall time each on a loaded 2-core machine), and no
 * two build it at once. The journey still runs `npm start` as a fresh clone does, build included, in a directory of
 * its own. VR_E2E_GIFT_CACHE: the first server's gift assets, for the others' data directories
 * (test/e2e/npm-start.ts), in this run's own directory, so they never outlive the run.
 */
async function runEndToEnd(workDir) {
  const built = await ensureDemoBuild({ say: (line) => console.log(`e2e: ${line}`) });
  if (built !== 0) {
    console.error('e2e: the demo build failed');
    return { name: 'e2e', code: built };
  }
  process.env.VR_E2E_GIFT_CACHE = join(workDir, 'e2e-gift-assets');
  return runNode(workDir, {
    name: 'e2e',
    dirs: E2E_TEST_DIRS,
    serialFiles: [],
    concurrency: E2E_CONCURRENCY,
    wrap: namespaceWrapper(),
  });
}

async function runBrowser(workDir) {
  const files = findTests(BROWSER_TEST_DIRS);
  if (files.length === 0) {
    console.log(`browser: no test files under ${BROWSER_TEST_DIRS.join(', ')}; skipped`);
    return { name: 'browser', code: 0, counts: { passed: 0, failed: 0, skipped: 0 } };
  }
  const countsFile = join(workDir, 'wtr-counts.json');
  // The binary itself, not npx: npx adds a process that can outlive an interrupted run.
  const wtr = (countsAt, ...files) =>
    run(join(root, 'node_modules/.bin/web-test-runner'), [...files, '--config', 'web-test-runner.config.mjs'], {
      WTR_COUNTS_FILE: countsAt,
    });
  const code = await wtr(countsFile);
  if (!existsSync(countsFile)) return { name: 'browser', code };
  const { unfinished = [], ...counts } = JSON.parse(readFileSync(countsFile, 'utf8'));
  // A page web-test-runner gave up on with no result at all, while every other file passed. Until the results could
  // carry a failed assertion on elements (reportableFailuresPlugin in scripts/wtr-plugins.mjs), such a failure
  // looked like this: test/components/barrage.test.ts, about one run in three beside another file. A page that
  // really stops still can: that file runs once more by itself, said loudly; a failed test, or a second hang, still
  // fails the run.
  if (code === 0 || unfinished.length === 0 || counts.failed !== unfinished.length)
    return { name: 'browser', code, counts };
  console.log(
    `browser: WARNING: web-test-runner gave up on ${unfinished.join(', ')} (no result came back); once more by itself`,
  );
  const againFile = join(workDir, 'wtr-counts-again.json');
  const again = await wtr(againFile, ...unfinished.map((file) => relative(root, file)));
  if (!existsSync(againFile)) return { name: 'browser', code: again || 1, counts };
  const rerun = JSON.parse(readFileSync(againFile, 'utf8'));
  return {
    name: 'browser',
    code: again,
    counts: { passed: counts.passed + rerun.passed, failed: rerun.failed, skipped: counts.skipped + rerun.skipped },
  };
}

const which = process.argv[2] ?? 'all';
if (!['all', 'static', 'node', 'browser', 'e2e'].includes(which)) {
  console.error(`usage: node scripts/test.mjs [static|node|browser|e2e]  (got "${which}")`);
  process.exit(2);
}

// `npm test` is the whole set-up on a fresh machine: packages from the lockfile, and the browser the browser and
// end-to-end tests run in.
ensureDependencies();
if (which !== 'node' && which !== 'static') ensureBrowser();

/**
 * Spawns with its output captured, and resolves to the exit code and that output: the static checks run side by side
 * and print one block each when done, instead of interleaving lines.
 */
function runCaptured(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 127, output: `could not start ${command}: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/**
 * Runs `jobs` (label, command, args) at most `width` at a time, longest first as listed, handing each one's output to
 * `write` when it ends. Every job is single-threaded (tsc, eslint, prettier): one after another they left a core idle.
 */
async function runPool(jobs, width, write) {
  const codes = new Map();
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const started = Date.now();
      const { code, output } = await runCaptured(join(root, 'node_modules/.bin', job.bin), job.args);
      write(`${output}${job.label}: exit code ${code} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      codes.set(job.label, code);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, lane));
  return codes;
}

/**
 * The whole project through the compiler first: tsx, esbuild and the dev server strip types without checking them,
 * so without this a type error would pass every test and land. Browser code is checked without Node's types and the
 * server without the DOM (`TYPECHECK_PROJECTS`), then everything together. Counted as one result like a runner.
 */
const TYPECHECK_PROJECTS = ['tsconfig.browser.json', 'tsconfig.server.json', 'tsconfig.json'];

/**
 * Where the static checks keep what they found in the files that did not change since the last run, so a second
 * run checks only what changed: tsc's incremental build information (a file is checked again when it or anything
 * it depends on changed, lib and node_modules types included), ESLint's and Prettier's caches (a file's result by
 * its content, `--cache-strategy content`, and the tool's configuration). Neither of the latter two knows the
 * versions of ESLint's plugins, so the directory is named by a hash of what is installed
 * (node_modules/.package-lock.json): other packages start from an empty one, and the old one is removed. A fresh
 * checkout (CI) has none and checks everything.
 */
function staticChecksCache() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const key = existsSync(installed)
    ? createHash('sha256').update(readFileSync(installed)).digest('hex').slice(0, 16)
    : 'not-installed';
  const base = join(root, '.vr-build', 'static-checks');
  if (existsSync(base))
    for (const other of readdirSync(base))
      if (other !== key) rmSync(join(base, other), { recursive: true, force: true });
  mkdirSync(join(base, key), { recursive: true });
  return join(base, key);
}

/**
 * The typecheck, and the linter with the formatter's check (`npm run lint`), each counted as one result: a lint error
 * or an unformatted file fails `npm test` like a failing test. They only read files. Alone (`static`), they run side by
 * side on an idle machine, one per core. In the whole suite they run one at a time beside the Node files that run two
 * at a time (`besideNode`), and the Node serial files wait for them: those two files leave much of the 2 cores idle
 * while they start processes and wait on servers, and no file there holds a real-time window (see NODE_SERIAL_FILES).
 * Their output is kept until they end, not interleaved with the tests' lines.
 */
async function runStaticChecks({ besideNode = false } = {}) {
  const cache = staticChecksCache();
  const tsc = (project) => ({
    label: `tsc -p ${project}`,
    kind: 'typecheck',
    bin: 'tsc',
    args: ['-p', project, '--noEmit', '--incremental', '--tsBuildInfoFile', join(cache, `${project}.tsbuildinfo`)],
  });
  const cached = ['--cache', '--cache-strategy', 'content', '--cache-location'];
  // The longest first (the whole-project tsc, then ESLint), so the short ones fill in behind them.
  const jobs = [
    tsc('tsconfig.json'),
    { label: 'eslint', kind: 'lint', bin: 'eslint', args: [...cached, join(cache, 'eslint'), '.'] },
    ...TYPECHECK_PROJECTS.filter((p) => p !== 'tsconfig.json').map(tsc),
    {
      label: 'prettier --check',
      kind: 'lint',
      bin: 'prettier',
      args: ['--check', '--log-level', 'warn', ...cached, join(cache, 'prettier'), '.'],
    },
  ];
  // Side by side only on an otherwise idle machine. Measured back to back on the shared 2-core machine at load 7–11:
  // one after another 84.5 s (85 CPU s), side by side 107.4 s (104 CPU s): with the cores already taken, a second
  // lane only adds contention. On an idle machine the second lane takes the ~50 s that are not the whole-project tsc.
  const idle = !besideNode && loadavg()[0] + 1 <= availableParallelism();
  let output = '';
  const codes = await runPool(jobs, idle ? availableParallelism() : 1, (text) =>
    besideNode ? (output += text) : process.stdout.write(text),
  );
  process.stdout.write(output);
  return ['typecheck', 'lint'].map((name) => {
    const code = jobs.filter((j) => j.kind === name).reduce((worst, j) => worst || codes.get(j.label), 0);
    return { name, code, counts: { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 } };
  });
}

const workDir = mkdtempSync(join(tmpdir(), 'vr-test-'));
const results = [];
/** Each phase's wall time and the 1-minute load average when it started, for the summary: [label, s, load]. */
const phases = [];
const suiteStarted = Date.now();
/** Runs one phase and records its wall time, so every run shows where the suite's time went. */
async function timed(label, phase) {
  const load = loadavg()[0];
  const started = Date.now();
  const result = await phase();
  phases.push([label, (Date.now() - started) / 1000, load]);
  return result;
}
try {
  if (which === 'static') results.push(...(await timed('typecheck+lint', runStaticChecks)));
  if (which === 'node') results.push(await timed('node', () => runNode(workDir)));
  if (which === 'all') {
    // The static checks beside the Node files' first batch; the serial files start once both have ended.
    const staticChecks = timed('typecheck+lint (beside node)', () => runStaticChecks({ besideNode: true }));
    const node = await timed('node', () => runNode(workDir, { beforeSerial: staticChecks }));
    results.push(...(await staticChecks), node);
  }
  if (which === 'all' || which === 'browser') results.push(await timed('browser', () => runBrowser(workDir)));
  if (which === 'all' || which === 'e2e') results.push(await timed('e2e', () => runEndToEnd(workDir)));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

let passed = 0;
let failed = 0;
let ok = true;
for (const { name, code, counts } of results) {
  if (!counts) {
    // Crashed before reporting: no number to trust, so one failure stands for the whole runner.
    console.log(`${name}: runner exited with code ${code} without reporting counts`);
    failed += 1;
    ok = false;
    continue;
  }
  console.log(
    `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (exit code ${code})`,
  );
  passed += counts.passed;
  failed += counts.failed;
  if (code !== 0 || counts.failed > 0) ok = false;
  if (code !== 0 && counts.failed === 0) {
    // e.g. WTR's own failure (a 404, a browser that would not start) after every test passed.
    console.log(`${name}: failed outside any test; counted as 1 failure`);
    failed += 1;
  }
}
const seconds = (s) => `${s.toFixed(1)} s`;
// The wall time of the whole run: phases that ran side by side count once.
const total = (Date.now() - suiteStarted) / 1000;
console.log(
  `time: ${phases.map(([label, s, load]) => `${label} ${seconds(s)} (load ${load.toFixed(1)})`).join(', ')}; ` +
    `total ${seconds(total)} (load ${loadavg()[0].toFixed(1)} at the end, ${availableParallelism()} cores)`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
