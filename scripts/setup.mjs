// What `npm start` and `npm test` need before they run, installed by themselves on a fresh machine, so the README's
// two commands are the whole set-up: the lockfile's packages (`npm ci`) and, for the tests, a Chromium.
// Only Node built-ins here: this runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Why the installed packages do not match package-lock.json, or null when they do. npm keeps what it installed in
 * node_modules/.package-lock.json; a package missing there or at another version means `npm ci` is due (a fresh
 * clone, or a pull that changed the lockfile). Optional packages for other platforms are never installed: skipped.
 * A workspace (server/, the `@voiceroom-kit/server` package) is a link in node_modules; a checkout from before the
 * split has every package at the right version but no link (and no `voiceroom-server` bin): that is drift too.
 */
export function dependencyDrift() {
  const installedFile = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedFile)) return 'node_modules is missing';
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    if (path === '' || !path.includes('node_modules/') || entry.optional) continue;
    if (entry.link) {
      if (installed[path]?.link !== true || !existsSync(join(root, path)))
        return `${path} (workspace ${entry.resolved}) is not linked`;
      continue;
    }
    if (installed[path]?.version !== entry.version) return `${path} ${entry.version} is not installed`;
  }
  return null;
}

/** Runs `npm ci` when the installed packages do not match the lockfile. Exits the process if it fails. */
export function ensureDependencies() {
  const drift = dependencyDrift();
  if (!drift) return;
  console.log(`setup: ${drift}; running npm ci`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('setup: npm ci failed');
    process.exit(result.status ?? 1);
  }
}

/**
 * The Chromium the browser and end-to-end tests run in: CHROME_PATH, else Debian's /usr/bin/chromium, installed
 * with apt when missing and we are root (CI) or have sudo. No test tool downloads a browser of its own.
 * Sets CHROME_PATH for the runners; exits with a clear message when there is no way to get one.
 */
export function ensureBrowser() {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(chrome)) {
    process.env.CHROME_PATH = chrome;
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get') || (!isRoot && !hasSudo)) {
    console.error(`setup: no browser at ${chrome}; install Chromium or Chrome and set CHROME_PATH`);
    process.exit(1);
  }
  console.log("setup: installing Debian's chromium (apt-get)");
  const apt = (args) =>
    isRoot
      ? spawnSync('apt-get', args, { stdio: 'inherit' })
      : spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: 'inherit' });
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  if (
    apt(['update']).status !== 0 ||
    apt(['install', '-y', 'chromium']).status !== 0 ||
    !existsSync('/usr/bin/chromium')
  ) {
    console.error('setup: could not install chromium; install it (or Chrome) and set CHROME_PATH');
    process.exit(1);
  }
  process.env.CHROME_PATH = '/usr/bin/chromium';
}
