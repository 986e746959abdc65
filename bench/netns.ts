import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

/**
 * As root on Linux, runs `npm run bench <name>` again inside `unshare -n` (loopback only), so WebRTC benches never
 * send a packet off the machine; returns true when it did (the caller is done). False: run here as is.
 */
export function rerunInNetns(name: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || process.env['VR_BENCH_NETNS'] === '1') return false;
  if (spawnSync('unshare', ['-n', 'true']).status !== 0) return false;
  const r = spawnSync(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      '--import',
      'tsx',
      `${root}bench/run.ts`,
      name,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, VR_BENCH_NETNS: '1' },
    },
  );
  if (r.status !== 0) throw new Error(`${name} bench failed (${r.status})`);
  return true;
}
