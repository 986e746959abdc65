// What `npm publish` would ship for `voiceroom-kit`, and what installing it pulls (issue 16 §4: "a consumer install of
// the kit pulls no server package"). The local room server is its own workspace package (server/, private
// `@voiceroom-kit/server`) with its own dependencies and `voiceroom-server` bin; the kit's package.json has only what
// browsers run. The file list comes from `npm pack --dry-run` itself, so npm's own rules (always-included files,
// .npmignore) count, and the install from package-lock.json, resolved the way npm resolves it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Manifest {
  name: string;
  license?: string;
  files?: string[];
  workspaces?: string[];
  bin?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Manifest;
const pkg = read('package.json');
const serverPkg = read('server/package.json');

/** Packages only the local room server needs: a browser app must never install them. */
const SERVER_ONLY = ['ws', 'better-sqlite3', 'werift'];

/** The paths `npm pack` would put in the tarball (scripts not run: no build, only what is on disk now). */
function packedFiles(): string[] {
  const result = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const [report] = JSON.parse(result.stdout) as [{ name: string; files: { path: string }[] }];
  assert.equal(report.name, 'voiceroom-kit', 'npm packs the kit, not a workspace');
  return report.files.map((f) => f.path);
}

interface LockEntry {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Every package a consumer's `npm install voiceroom-kit` brings, following package-lock.json the way npm and Node
 * resolve a name: from the requiring package's own node_modules up to the top. Required peers count (npm 7+ installs
 * them), optional ones do not.
 */
function installClosure(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const required = (entry: LockEntry | Manifest) => [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional),
  ];
  const locate = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (from: string, deps: string[]) => {
    for (const name of deps) {
      const path = locate(from, name);
      if (!path || seen.has(path)) continue; // an optional package for another platform is not in the lockfile
      seen.add(path);
      names.add(name);
      visit(path, required(lock.packages[path]!));
    }
  };
  visit('', required(pkg));
  return names;
}

describe('the published package', () => {
  let files: string[];
  before(() => {
    files = packedFiles();
  });

  it('ships the MIT licence its package.json names, for its contributors', () => {
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.files?.includes('LICENSE'), '"files" lists LICENSE');
    assert.ok(files.includes('LICENSE'), `LICENSE is in the tarball (${files.join(', ')})`);
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    assert.match(text, /^MIT License\n\nCopyright \(c\) 2026 VoiceRoom Kit contributors\n/);
  });

  it('ships no server file, source, test or tool', () => {
    const stray = files.filter(
      (path) => !/^(dist\/|LICENSE$|README\.md$|package\.json$|custom-elements\.json$)/.test(path),
    );
    assert.deepEqual(stray, []);
    assert.deepEqual(
      files.filter((path) => /(^|\/)server\//.test(path)),
      [],
    );
  });

  it("the kit's package.json names no server package, in any kind of dependency", () => {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
      assert.deepEqual(
        Object.keys(pkg[field] ?? {}).filter((name) => SERVER_ONLY.includes(name)),
        [],
        field,
      );
    }
  });

  it('installing the kit pulls no server package (package-lock.json, transitively)', () => {
    const closure = installClosure();
    assert.ok(
      closure.has('lit') && closure.has('rxjs') && closure.has('lit-html'),
      `the closure is real: ${[...closure].join(', ')}`,
    );
    assert.deepEqual(
      SERVER_ONLY.filter((name) => closure.has(name)),
      [],
    );
    assert.ok(!closure.has(serverPkg.name), 'nor the server workspace itself');
  });
});

describe('the server workspace', () => {
  it('is a private package of its own with the server dependencies and the voiceroom-server bin', () => {
    assert.deepEqual(pkg.workspaces, ['server']);
    assert.equal(serverPkg.name, '@voiceroom-kit/server');
    assert.equal(
      (serverPkg as { private?: boolean }).private,
      true,
      'it runs from this repository (it loads ../src), so it is not published',
    );
    for (const name of SERVER_ONLY) assert.ok(serverPkg.dependencies?.[name], `server/package.json depends on ${name}`);
    assert.deepEqual(serverPkg.bin, { 'voiceroom-server': './bin/voiceroom-server.mjs' });
    assert.equal(pkg.scripts?.['server'], 'voiceroom-server', 'npm run server runs that bin');
  });

  it('npm run server: the linked bin starts the server and stops it cleanly on SIGTERM', async () => {
    const child = spawn(join(root, 'node_modules/.bin/voiceroom-server'), ['--port', '0', '--data-dir', ':memory:'], {
      cwd: root,
      env: { ...process.env, VR_HOST: '127.0.0.1', VR_LOG_LEVEL: 'warn', VR_DEMO_GIFTS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`voiceroom-server exited with ${code}:\n${err}`)));
      });
      const health = await fetch(`${url}/healthz`);
      assert.deepEqual(await health.json(), { ok: true });
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
