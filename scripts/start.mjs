#!/usr/bin/env node
// `npm start`: builds the demo (unless the last build is up to date: scripts/demo-build.mjs), then runs the local
// room server serving it, on 127.0.0.1. Same VR_* settings as `npm run server` (VR_PORT picks the port, VR_DATA_DIR
// the data directory); the dev signer is on, because the demo signs users in through it. VR_DEMO_DIR builds and
// serves the demo from another directory than .vr-build/demo (the journey test starts from an empty one, as a
// fresh clone does). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DEMO_DIR, ensureDemoBuild } from './demo-build.mjs';
import { ensureDependencies } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The server workspace's `voiceroom-server` bin (server/package.json), what `npm run server` runs.
const SERVER_BIN = fileURLToPath(new URL('../server/bin/voiceroom-server.mjs', import.meta.url));

function run(command, args, env = {}) {
  return spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

// A fresh clone needs nothing else: the lockfile's packages are installed here when missing.
ensureDependencies();

const demoDir = process.env.VR_DEMO_DIR ? resolve(root, process.env.VR_DEMO_DIR) : DEFAULT_DEMO_DIR;
const built = await ensureDemoBuild({ outDir: demoDir, say: (line) => console.log(`npm start: ${line}`) });
if (built !== 0) {
  console.error('npm start: the demo build failed');
  process.exit(built);
}

const server = run(process.execPath, [SERVER_BIN], {
  VR_HOST: process.env.VR_HOST ?? '127.0.0.1',
  VR_PORT: process.env.VR_PORT ?? '8787',
  VR_DATA_DIR: process.env.VR_DATA_DIR ?? '.vr-data',
  VR_STATIC_DIR: demoDir,
  VR_DEV_SIGNER: process.env.VR_DEV_SIGNER ?? '1',
});
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));
