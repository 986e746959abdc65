/**
 * The local server as a child process for bench/sfu.ts, so its CPU and memory are measured on their own: prints
 * its URL, then answers every IPC 'stats' message with SFU counters, CPU time and memory.
 */
import { startServer } from '../server/app.js';
import { loadConfig } from '../server/config.js';

const server = await startServer(
  loadConfig(
    [],
    {},
    {
      port: 0,
      dataDir: ':memory:',
      logLevel: 'warn',
      sdkAppId: Number(process.env['BENCH_SDKAPPID']),
      secretKey: String(process.env['BENCH_SECRET']),
      commandRate: 100_000,
      maxConnections: 100_000,
      // The benches' Chromium pages come from their own loopback HTTP server, another origin than this one.
      allowedOrigins: ['*'],
    },
  ),
  { sfu: process.env['BENCH_SFU_FORWARD'] === 'werift' ? { forward: 'werift' } : {} },
);
process.stdout.write(`listening ${server.url}\n`);
process.on('message', (message) => {
  if (message !== 'stats') return;
  const memory = process.memoryUsage();
  process.send!({ sfu: server.sfu!.stats(), cpu: process.cpuUsage(), rss: memory.rss, heapUsed: memory.heapUsed });
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
