/**
 * A share of the SFU bench's listeners in a child process of their own (bench/sfu.ts forks one per 50 listeners),
 * so that counting 40,000 packets a second does not starve the speakers' 20 ms send timers in the bench process,
 * and a second core can carry the load generator while the server has the first.
 *
 * IPC: the parent sends `{ t: 'join', url, roomId, userIds, countOnly }`; this connects the clients (10 at a time:
 * each is a DTLS handshake), joins the room, negotiates audio and answers `{ t: 'joined', failed }` (listeners whose
 * audio could not be negotiated, left out). `{ t: 'count' }` is
 * answered with `{ t: 'count', received, cpu }` (packets received on every seat, this process's CPU time in µs);
 * `{ t: 'close' }` closes every client and exits.
 */
import { genUserSig } from '../server/auth/usersig.js';
import { HeadlessClient } from '../server/sfu/headless-client.js';

export type ListenerRequest =
  { t: 'join'; url: string; roomId: string; userIds: string[]; countOnly: boolean } | { t: 'count' } | { t: 'close' };
export type ListenerReply =
  { t: 'joined'; failed: number } | { t: 'count'; received: number; cpu: number } | { t: 'error'; message: string };

const sdkAppId = Number(process.env['BENCH_SDKAPPID']);
const secretKey = String(process.env['BENCH_SECRET']);
let clients: HeadlessClient[] = [];
let failed = 0;
const reply = (m: ListenerReply) => process.send!(m);

async function join(request: Extract<ListenerRequest, { t: 'join' }>): Promise<void> {
  for (let start = 0; start < request.userIds.length; start += 10) {
    const batch = request.userIds.slice(start, start + 10).map(
      (userId) =>
        new HeadlessClient({
          url: request.url,
          sdkAppId,
          userId,
          userSig: genUserSig({ sdkAppId, secretKey, userId, expireSec: 3600 }),
          countOnly: request.countOnly,
        }),
    );
    await Promise.all(batch.map((c) => c.connect()));
    for (const c of batch) await c.command('room.join', { roomId: request.roomId });
    // On a starved machine a handshake can fail even after retries: that listener is left out (and reported), so
    // one of a hundred does not void the run. The server sends only to connected peers, so delivery stays exact.
    const started = await Promise.allSettled(batch.map((c) => c.startAudio()));
    started.forEach((r, k) => (r.status === 'fulfilled' ? clients.push(batch[k]!) : void batch[k]!.close()));
    failed += started.filter((r) => r.status === 'rejected').length;
  }
}

process.on('message', (request: ListenerRequest) => {
  if (request.t === 'join')
    join(request).then(
      () => reply({ t: 'joined', failed }),
      (error: unknown) => reply({ t: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  if (request.t === 'count') {
    const cpu = process.cpuUsage();
    const received = clients.reduce((n, c) => n + c.seats.reduce((m, s) => m + (s?.packets ?? 0), 0), 0);
    reply({ t: 'count', received, cpu: cpu.user + cpu.system });
  }
  if (request.t === 'close') {
    const all = clients;
    clients = [];
    void Promise.all(all.map((c) => c.close())).then(() => process.exit(0));
  }
});
// The bench process is gone (it failed or was stopped): nothing is left to count for.
process.on('disconnect', () => process.exit(0));
