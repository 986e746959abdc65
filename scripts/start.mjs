#!/usr/bin/env node
// `npm start`: builds the demo, then runs the local room server serving it, on 127.0.0.1. Same VR_* settings as
// `npm run server` (VR_PORT picks the port, VR_DATA_DIR the data directory); the dev signer is on, because the
// demo signs users in through it. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
// The server workspace's `voiceroom-server` bin (server/package.json), what `npm run server` runs.
const SERVER_BIN = fileURLToPath(new URL('../server/bin/voiceroom-server.mjs', import.meta.url));

function run(command, args, env = {}) {
  return spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

// A fresh clone needs nothing else: the lockfile's packages are installed here when missing.
ensureDependencies();

const started = Date.now();
const build = run(bin('vite'), ['build', '--mode', 'demo', '--logLevel', 'warn']);
const built = await new Promise((resolve) => build.on('exit', (code) => resolve(code)));
if (built !== 0) {
  console.error('npm start: the demo build failed');
  process.exit(built ?? 1);
}
console.log(`npm start: demo built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const server = run(process.execPath, [SERVER_BIN], {
  VR_HOST: process.env.VR_HOST ?? '127.0.0.1',
  VR_PORT: process.env.VR_PORT ?? '8787',
  VR_DATA_DIR: process.env.VR_DATA_DIR ?? '.vr-data',
  VR_STATIC_DIR: '.vr-build/demo',
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
