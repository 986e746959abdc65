/**
 * The local server as a child process for bench/sfu.ts, so its CPU and memory are measured on their own: prints
 * its URL, then answers every IPC 'stats' message with SFU counters, CPU time and memory. `BENCH_SFU_FORWARD` picks
 * the SFU's send path (server/sfu/forward.ts), `BENCH_SFU_SRTP` the one SRTP profile it accepts.
 */
import { startServer } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { SfuOptions } from '../server/sfu/sfu.js';

const forward = process.env['BENCH_SFU_FORWARD'] as SfuOptions['forward'] | undefined;
const srtp = process.env['BENCH_SFU_SRTP'] as NonNullable<SfuOptions['srtpProfiles']>[number] | undefined;
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
  { sfu: { ...(forward ? { forward } : {}), ...(srtp ? { srtpProfiles: [srtp] } : {}) } },
);
process.stdout.write(`listening ${server.url}\n`);
process.on('message', (message) => {
  if (message !== 'stats') return;
  const memory = process.memoryUsage();
  process.send!({ sfu: server.sfu!.stats(), cpu: process.cpuUsage(), rss: memory.rss, heapUsed: memory.heapUsed });
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
