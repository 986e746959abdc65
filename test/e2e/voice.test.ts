// Real voice, end to end: Chromium pages with a fake microphone talk through the local server's SFU (in this
// process), inside a private network namespace when the runner can make one (scripts/test.mjs). What is checked
// is what a listener would notice: bytes and audio level arriving per seat (getStats), silence when a seat must be
// silent, speaking levels on the right seat, and a refused microphone that takes no seat and says why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { SFU_ARGS, buildPage, launchOptions, pageHtml } from '../../scripts/chromium.mjs';
import { sdkAppId, sig, testServer } from '../server/helpers.js';

interface SeatStats {
  packets: number;
  bytes: number;
  audioLevel: number;
  energy: number;
}
type Vr = {
  join(o: unknown): Promise<void>;
  takeSeat(i: number): Promise<{ ok: boolean; code?: number; message?: string }>;
  leaveSeat(): Promise<void>;
  lockSeatAudio(i: number, locked: boolean): Promise<void>;
  setSelfMute(m: boolean): Promise<void>;
  setListenerMute(m: boolean): void;
  seatOf(i: number): string | null;
  mic(): { status: string; reason?: string; error?: { code: number; message: string } };
  micTrack(): string | null;
  takeLevels(): number[];
  output(seat: number): { playing: boolean; muted: boolean; volume: number } | null;
  stats(): Promise<SeatStats[]>;
  tryJoin(o: unknown): Promise<number | null>;
  senderReport(seat: number): Promise<{ sent: number; received: number; reports: number } | null>;
  wire(): string[];
  audio(): { connection: string; peer: boolean };
  close(): Promise<void>;
};
declare const vr: Vr;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('voice end to end (Chromium ↔ SFU)', { timeout: 110_000 }, () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;
  let context: BrowserContext;
  const pages: Record<string, Page> = {};

  async function open(name: string, owner: boolean, options: { denyMic?: boolean } = {}): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${name}] ${e.message}`));
    if (options.denyMic) {
      await page.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () =>
          Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
    }
    await page.goto(`${server.url}/e2e/`);
    await page.waitForFunction(() => document.title === 'ready');
    const userId = `e2e${name}`;
    await page.evaluate((o) => vr.join(o), {
      url: server.url,
      sdkAppId,
      userId,
      userSig: sig(userId),
      roomId: 'voice-e2e',
      owner,
    });
    pages[name] = page;
    return page;
  }

  const stats = (page: Page) => page.evaluate(() => vr.stats());
  type Heard = { packets: number; bytes: number; peak: number; energy: number; ms: number };
  /**
   * Packets and peak audio level per seat over a window, as a listener's getStats sees them, read every 250 ms. With
   * `enough`, the window ends at the first reading that satisfies it (a shorter window that already shows it).
   */
  async function listen(page: Page, seat: number, ms = 1_500, enough?: (got: Heard) => boolean): Promise<Heard> {
    const first = (await stats(page))[seat] ?? { packets: 0, bytes: 0, audioLevel: 0, energy: 0 };
    let peak = 0;
    let last = first;
    const got = (): Heard => ({
      packets: last.packets - first.packets,
      bytes: last.bytes - first.bytes,
      peak,
      energy: last.energy - first.energy,
      ms: 0,
    });
    let t = 0;
    while (t < ms) {
      await sleep(250);
      t += 250;
      last = (await stats(page))[seat] ?? last;
      peak = Math.max(peak, last.audioLevel);
      if (enough?.({ ...got(), ms: t })) break;
    }
    return { ...got(), ms: t };
  }
  /**
   * Waits until a seat is heard on a page: more than 10 packets (bytes flowing) and a level above zero within at most
   * 1 s. Each try ends as soon as its window shows that (at 50 packets a second, after 250–500 ms) instead of always
   * sitting out the whole second: about 4 s of this file.
   */
  async function heard(page: Page, seat: number, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    const ok = (got: Heard) => got.packets > 10 && got.bytes > 0 && (got.peak > 0 || got.energy > 0);
    for (;;) {
      const got = await listen(page, seat, 1_000, ok);
      if (ok(got)) {
        console.log(
          `heard — ${what}: ${got.packets} packets, ${got.bytes} bytes in ${got.ms / 1000} s, ` +
            `peak audioLevel ${got.peak.toFixed(3)}`,
        );
        return;
      }
      if (Date.now() > deadline) assert.fail(`${what}: ${JSON.stringify(got)}`);
    }
  }
  /**
   * Two pages' windows (heard or silent) are taken at the same time: each reads only its own page's getStats, so
   * overlapping them proves the same for each page, without one page's window waiting for the other's (8 s of the
   * file one after another).
   */
  async function silent(page: Page, seat: number, what: string): Promise<void> {
    await sleep(400); // packets already in flight
    const got = await listen(page, seat, 1_200);
    assert.ok(got.packets <= 3, `${what}: ${got.packets} packets in 1.2 s`);
    console.log(`silent — ${what}: ${got.packets} packets in 1.2 s`);
  }

  before(async () => {
    const bundle = await buildPage(new URL('./voice-page.ts', import.meta.url).pathname);
    const assets = new Map<string, { contentType: string; body: string | Uint8Array }>([
      [
        '/e2e/',
        {
          contentType: 'text/html; charset=utf-8',
          body: pageHtml('/e2e/app.js'),
        },
      ],
      ['/e2e/app.js', { contentType: 'text/javascript; charset=utf-8', body: bundle }],
    ]);
    server = await testServer({}, { assets, sfu: { levelIntervalMs: 200 } });
    browser = await chromium.launch(launchOptions(SFU_ARGS));
    context = await browser.newContext({ permissions: ['microphone'] });
  });

  after(async () => {
    for (const page of Object.values(pages)) await page.evaluate(() => vr.close()).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.dispose();
  });

  it('the host on seat 0 is heard by two listeners, with speaking levels on seat 0 only', async () => {
    const host = await open('host', true);
    const a = await open('a', false);
    const b = await open('b', false);
    assert.equal(await host.evaluate(() => vr.seatOf(0)), 'e2ehost');
    await Promise.all([heard(a, 0, 'listener A hears the host'), heard(b, 0, 'listener B hears the host')]);
    await a.evaluate(() => vr.takeLevels());
    await sleep(1_500);
    const levels = await a.evaluate(() => vr.takeLevels());
    assert.ok((levels[0] ?? 0) > 0, `seat 0 level moves: ${levels}`);
    assert.ok(
      levels.slice(1).every((l) => l === 0),
      `other seats stay at 0: ${levels}`,
    );
    assert.equal(await host.evaluate(() => vr.mic().status), 'on');
  });

  it('starts audio with the join: the offer follows the join on the wire, before its answer (issue 14)', async () => {
    const c = await open('c', false);
    await heard(c, 0, 'listener C hears the host');
    const wire = await c.evaluate(() => vr.wire());
    const offer = wire.indexOf('sent rtc offer');
    assert.ok(offer > wire.indexOf('sent room.join'), `offer after the join: ${wire.join(', ')}`);
    assert.ok(offer < wire.indexOf('answered room.join'), `offer before the join's answer: ${wire.join(', ')}`);
    assert.equal(wire.filter((w) => w === 'sent rtc offer').length, 1, 'one offer');
  });

  it("the server's sender reports count what it forwarded to this listener (the SFU's direct send path)", async () => {
    const c = pages['c']!;
    const deadline = Date.now() + 15_000;
    let got: { sent: number; received: number; reports: number } | null = null;
    while (Date.now() < deadline) {
      got = await c.evaluate(() => vr.senderReport(0));
      if (got && got.reports >= 2 && got.sent > 0) break;
      await sleep(250);
    }
    assert.ok(got && got.reports >= 2, `sender reports for seat 0: ${JSON.stringify(got)}`);
    // A report is up to ~1.5 s old when read (packets keep coming at 50/s) and counts only what went to this peer.
    assert.ok(got.sent > 0 && got.sent <= got.received + 5, `packets the server says it sent: ${JSON.stringify(got)}`);
    assert.ok(got.sent >= got.received - 100, `sender report is not stale: ${JSON.stringify(got)}`);
  });

  it('a refused join leaves no audio behind: no peer, no retry', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/e2e/`);
    await page.waitForFunction(() => document.title === 'ready');
    try {
      const code = await page.evaluate((o) => vr.tryJoin(o), {
        url: server.url,
        sdkAppId,
        userId: 'e2enoroom',
        userSig: sig('e2enoroom'),
        roomId: 'no-such-room',
        owner: false,
      });
      assert.equal(code, 100_004, 'ROOM_NOT_FOUND');
      // The pipelined offer was refused too; the store put the audio down instead of retrying it (1 s back-off).
      await sleep(2_500);
      assert.deepEqual(await page.evaluate(() => vr.audio()), { connection: 'idle', peer: false });
      const wire = await page.evaluate(() => vr.wire());
      assert.ok(wire.filter((w) => w === 'sent rtc offer').length <= 1, `no retried offer: ${wire.join(', ')}`);
    } finally {
      await page.close();
    }
  });

  it('a listener takes a seat and the host (and the other listener) hear them, levels on their seat', async () => {
    const { host, a, b } = pages as Record<'host' | 'a' | 'b', Page>;
    const taken = await a.evaluate(() => vr.takeSeat(1));
    assert.deepEqual(taken, { ok: true });
    await Promise.all([heard(host, 1, 'the host hears A on seat 1'), heard(b, 1, 'B hears A on seat 1')]);
    await b.evaluate(() => vr.takeLevels());
    await sleep(1_500);
    const levels = await b.evaluate(() => vr.takeLevels());
    assert.ok((levels[1] ?? 0) > 0, `seat 1 level moves: ${levels}`);
    assert.ok(
      levels.slice(2).every((l) => l === 0),
      `empty seats stay at 0: ${levels}`,
    );
  });

  it('seat audio lock silences that seat for everyone; unlocking brings it back', async () => {
    const { host, a, b } = pages as Record<'host' | 'a' | 'b', Page>;
    await host.evaluate(() => vr.lockSeatAudio(1, true));
    await Promise.all([silent(host, 1, 'host: locked seat 1'), silent(b, 1, 'B: locked seat 1')]);
    assert.deepEqual(await a.evaluate(() => vr.mic()), { status: 'muted', reason: 'locked' });
    await heard(b, 0, 'seat 0 still heard');
    await host.evaluate(() => vr.lockSeatAudio(1, false));
    await heard(b, 1, 'seat 1 back after unlock');
  });

  it('self-mute silences the seat for everyone and keeps the seat', async () => {
    const { host, a, b } = pages as Record<'host' | 'a' | 'b', Page>;
    await a.evaluate(() => vr.setSelfMute(true));
    await Promise.all([silent(host, 1, 'host: A self-muted'), silent(b, 1, 'B: A self-muted')]);
    assert.equal(await b.evaluate(() => vr.seatOf(1)), 'e2ea');
    assert.deepEqual(await a.evaluate(() => vr.mic()), { status: 'muted', reason: 'self' });
    await a.evaluate(() => vr.setSelfMute(false));
    await heard(b, 1, 'A heard again after unmuting');
  });

  it("a listener's local mute silences only their page", async () => {
    const { host, a, b } = pages as Record<'host' | 'a' | 'b', Page>;
    await b.evaluate(() => vr.setListenerMute(true));
    await sleep(200);
    assert.deepEqual(await b.evaluate(() => vr.output(0)), { playing: true, muted: true, volume: 0 });
    assert.deepEqual(await a.evaluate(() => vr.output(0)), { playing: true, muted: false, volume: 100 });
    await Promise.all([heard(a, 0, 'A still hears the host'), heard(host, 1, 'the host still hears A')]);
    await b.evaluate(() => vr.setListenerMute(false));
    assert.deepEqual(await b.evaluate(() => vr.output(0)), { playing: true, muted: false, volume: 100 });
  });

  it('leaving the seat stops the stream and releases the microphone', async () => {
    const { host, a, b } = pages as Record<'host' | 'a' | 'b', Page>;
    assert.equal(await a.evaluate(() => vr.micTrack()), 'live');
    await a.evaluate(() => vr.leaveSeat());
    await Promise.all([silent(host, 1, 'host: seat 1 after A left'), silent(b, 1, 'B: seat 1 after A left')]);
    await sleep(100);
    assert.equal(await a.evaluate(() => vr.micTrack()), null, 'microphone released');
    assert.equal(await a.evaluate(() => vr.mic().status), 'off');
  });

  it('mic permission denied: the seat is not taken and the user sees why', async () => {
    // Close A's page first: at most four pages at once.
    await pages['a']!.evaluate(() => vr.close());
    await pages['a']!.close();
    delete pages['a'];
    const d = await open('d', false, { denyMic: true });
    const result = await d.evaluate(() => vr.takeSeat(3));
    assert.equal(result.ok, false);
    assert.equal(result.code, -1105);
    assert.equal(await pages['host']!.evaluate(() => vr.seatOf(3)), null, 'no seat taken');
    assert.equal(await d.evaluate(() => vr.seatOf(3)), null);
    const shown = await d.textContent('#mic');
    assert.match(shown ?? '', /denied/i, `the page says why: ${shown}`);
    assert.equal((await d.evaluate(() => vr.mic())).error?.code, -1105);
  });
});
