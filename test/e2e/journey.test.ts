// The newcomer's journey, end to end: `npm start`'s real server (scripts/start.mjs: the demo build plus the local
// room server with the dev signer) and Chromium pages driving the demo UI the way people would. An owner goes live,
// two listeners join from the room list, one applies, the owner is prompted and approves, she is heard by the other,
// barrage goes both ways, likes add up, a full-screen gift plays everywhere, a follow raises the fan count, the owner
// locks, takes a speaker off the mic (she is told why) and mutes, a closed page leaves the audience, the server
// restarts with its data, the owner removes a listener with a ban after a question (she cannot walk back in), and
// the owner ends the room.
// Screenshots of every step land in test-results/journey/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PAGE_PATIENCE_MS, untilValue } from '../until.js';
import { demoRun, startServer, state, stopServer } from './npm-start.js';

const ROOM_NAME = 'Evening chat';
const WAIT = PAGE_PATIENCE_MS;
/** Polls with e2e patience; a step that legitimately takes longer (a list's 15 s poll) says its own. */
const until = <T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, patienceMs = WAIT) =>
  untilValue(what, probe, ok, Math.max(patienceMs, WAIT));

const text = async (l: Locator) =>
  ((await l.first().textContent({ timeout: 2_000 })) ?? '').replace(/\s+/g, ' ').trim();

describe('journey: npm start, owner and two listeners in the demo', { timeout: 600_000 }, () => {
  let finished = false;
  const run = demoRun('journey', {
    // A fresh clone's first `npm start`: the demo built into an empty directory, gift assets drawn on an empty data
    // dir.
    newcomer: true,
    // A failed run leaves a picture of every open page behind, to see where it stopped.
    pictures: () => (finished ? [] : Object.entries(pages).map(([who, page]) => [`failed-${who}`, page] as const)),
  });
  const contexts: Record<string, BrowserContext> = {};
  const pages: Record<string, Page> = {};
  let step = 0;
  const started = Date.now();
  const cspViolations: string[] = [];

  async function shot(name: string, ...who: string[]): Promise<void> {
    step += 1;
    const nn = String(step).padStart(2, '0');
    for (const [i, w] of who.entries()) {
      const page = pages[w];
      if (!page || page.isClosed()) continue;
      await page.screenshot({ path: join(run.shots, `${nn}-${name}${i === 0 ? '' : `-${w}`}.png`) });
    }
    console.log(`step ${nn} ${name} — ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  async function openPage(who: string): Promise<Page> {
    contexts[who] ??= await run.browser.newContext({
      permissions: ['microphone'],
      viewport: { width: 1100, height: 760 },
    });
    const page = await contexts[who]!.newPage();
    page.on('pageerror', (e) => console.error(`[${who}] ${e.message}`));
    // The server's Content-Security-Policy must let the demo do everything it does (scripts, the gift worker,
    // media, the WebSocket): Chromium reports each refusal on the console, pages and workers alike.
    page.on('console', (message) => {
      if (!/Content Security Policy|^CSP violation/i.test(message.text())) return;
      cspViolations.push(`[${who}] ${message.text()}`);
      // Said at once too: a refused worker or effect usually fails a later step first.
      console.error(`[${who}] ${message.text()}`);
    });
    // Not every refusal reaches the console (an eval refused inside a library does not): the page's own events do.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.warn(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    await page.goto(run.server!.url);
    pages[who] = page;
    return page;
  }

  async function signIn(who: string, name: string, avatar: number): Promise<Page> {
    const page = await openPage(who);
    await page.locator('#name').fill(name);
    await page.getByRole('button', { name: `Avatar ${avatar}`, exact: true }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('vr-room-list').waitFor();
    return page;
  }

  const room = (p: Page) => p.locator('vr-room');
  const live = (p: Page) => p.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });
  const micButton = (p: Page) => p.locator('vr-room button.mic');
  const seat = (p: Page, i: number) => p.locator('vr-seat-grid vr-seat').nth(i);
  const audienceTotal = (p: Page) => text(p.locator('vr-audience-list .total'));
  const likeCount = (p: Page) => text(p.locator('vr-like-button .count'));
  const fans = (p: Page) => text(p.locator('vr-live-info .owner:not(.in-panel) .owner-fans'));
  const barrageHas = (p: Page, words: string) =>
    p.locator('vr-barrage .entry').filter({ hasText: words }).first().waitFor({ timeout: WAIT });

  /** What the listener's getStats sees for one seat over a window (as in voice.test.ts): packets and peak level. */
  async function listen(
    p: Page,
    seatIndex: number,
    ms: number,
  ): Promise<{ packets: number; peak: number; energy: number }> {
    // A string, not a function: tsx's keepNames would wrap the inner helpers in a `__name` the page lacks.
    return p.evaluate(`(async () => {
      const seatIndex = ${seatIndex}, ms = ${ms};
      const r = document.querySelector('vr-room').room;
      const read = async () => {
        const media = r.backend.media;
        const got = { packets: 0, level: 0, energy: 0 };
        if (!media || !media.peerConnection) return got;
        const report = await media.peerConnection.getStats();
        report.forEach((s) => {
          if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
          if (media.seatMids.indexOf(String(s.mid)) !== seatIndex) return;
          got.packets = Number(s.packetsReceived ?? 0);
          got.level = Number(s.audioLevel ?? 0);
          got.energy = Number(s.totalAudioEnergy ?? 0);
        });
        return got;
      };
      const first = await read();
      let last = first;
      let peak = 0;
      for (let t = 0; t < ms; t += 250) {
        await new Promise((res) => setTimeout(res, 250));
        last = await read();
        peak = Math.max(peak, last.level);
      }
      return { packets: last.packets - first.packets, peak, energy: last.energy - first.energy };
    })()`);
  }

  it('runs the whole journey through the demo UI', async () => {
    // 0. `npm start` built the demo, and its stamp lists what the build read, installed packages included, so a
    // later start can tell whether it is still up to date (scripts/demo-build.mjs).
    assert.match(run.server!.output, /npm start: demo built in [\d.]+ s \(no finished build\)/);
    const inputs = Object.keys(
      (JSON.parse(readFileSync(`${run.demoDir}.build.json`, 'utf8')) as { files: Record<string, string> }).files,
    );
    for (const input of [
      /^demo\/app\.ts$/,
      /^components\/gift-player\/svga-worker\.ts$/,
      /^demo\/public\/avatars\//,
      /^vite\.config\.ts$/,
      /^scripts\/minify-css-templates\.ts$/,
      /^node_modules\/lit-html\//,
      /^node_modules\/fflate\//,
      /^node_modules\/\.package-lock\.json$/,
    ])
      assert.ok(
        inputs.some((path) => input.test(path)),
        `the demo's build stamp lists ${input}`,
      );

    // 1. The owner signs in and goes live (apply mode is the form's default).
    const owner = await signIn('owner', 'Olivia', 2);
    await owner.locator('input[name="roomName"]').fill(ROOM_NAME);
    await owner.locator('input[name="notice"]').fill('Say hi and grab a seat');
    await owner.getByRole('button', { name: 'Go live' }).click();
    await live(owner);
    await until(
      'owner on seat 1',
      () => text(seat(owner, 0).locator('.name')),
      (t) => t === 'Olivia',
    );
    assert.equal(await state(room(owner), 'view'), 'host');
    await shot('owner-live', 'owner');

    // 2. Two listeners sign in and open the room from the room list, each in their own browser context at the same
    // time (as two people would): one after the other, each page's loads and clicks left the other idle (about 6 s).
    await Promise.all(
      (
        [
          ['a', 'Ava', 3],
          ['b', 'Ben', 5],
        ] as const
      ).map(async ([who, name, avatar]) => {
        const p = await signIn(who, name, avatar);
        const card = p.locator('vr-room-list button.card').filter({ hasText: ROOM_NAME });
        await card.waitFor({ timeout: WAIT });
        await card.click();
        await live(p);
        assert.equal(await state(room(p), 'view'), 'listener');
      }),
    );
    const { a, b } = pages as Record<'a' | 'b', Page>;
    for (const p of [owner, a, b])
      await until(
        'audience of 3',
        () => audienceTotal(p),
        (t) => t === '3',
      );
    await shot('listeners-joined', 'b', 'owner');

    // 3. Ava applies for a seat; the owner is prompted and approves in place; Ava is told how it went.
    assert.equal(await text(micButton(a).locator('.mic-label')), 'Apply to speak');
    await micButton(a).click();
    await until(
      'Ava sees her application',
      () => text(micButton(a).locator('.mic-label')),
      (t) => t === 'Cancel application',
    );
    await until(
      'Ava is told it went out',
      () => text(a.locator('vr-room .note')),
      (t) => t.startsWith('Request sent'),
    );
    await owner.locator('vr-room button.requests .badge').waitFor({ timeout: WAIT });
    const prompt = owner.locator('vr-room [part="request-prompt"]');
    await until(
      'the owner is prompted',
      () => text(prompt.locator('.prompt-title')),
      (t) => t === 'Ava wants to speak',
    );
    await shot('application-waiting', 'owner');
    await prompt.getByRole('button', { name: 'Approve Ava' }).click();
    await until(
      'Ava is on the mic',
      () => text(micButton(a).locator('.mic-label')),
      (t) => t === 'Mute',
    );
    await until(
      'Ava is told',
      () => text(a.locator('vr-room .note')),
      (t) => t === 'Your request was approved. You are on the mic.',
    );
    const avaSeat = await until(
      "Ava on a seat on Ben's page",
      () => b.locator('vr-seat-grid vr-seat .name').allTextContents(),
      (names) => names.some((n) => n.trim() === 'Ava'),
    );
    const avaIndex = avaSeat.findIndex((n) => n.trim() === 'Ava');
    await shot('approved', 'a', 'owner');

    // 4. Ava speaks (fake microphone) and Ben hears her: audio level > 0 on her seat in Ben's getStats.
    const heard = await until(
      'Ben hears Ava',
      () => listen(b, avaIndex, 1_000),
      (g) => g.packets > 10 && g.peak > 0 && g.energy > 0,
      20_000,
    );
    console.log(
      `Ben hears Ava on seat ${avaIndex + 1}: ${heard.packets} packets in 1 s, peak audioLevel ${heard.peak.toFixed(3)}`,
    );
    assert.ok(heard.peak > 0, `audio level > 0: ${JSON.stringify(heard)}`);
    await shot('speaking', 'b');

    // 5. Barrage both ways: a listener to the room, the owner back.
    const say = async (p: Page, words: string, how: 'enter' | 'button') => {
      const input = p.locator('vr-barrage input.input');
      await input.fill(words);
      if (how === 'enter') await input.press('Enter');
      else await p.locator('vr-barrage button.send').click();
      await until(
        'the composer empties once sent',
        () => input.inputValue(),
        (v) => v === '',
      );
    };
    await say(a, 'Hi everyone, Ava here', 'enter');
    for (const p of [owner, a, b]) await barrageHas(p, 'Hi everyone, Ava here');
    await say(owner, 'Welcome Ava and Ben!', 'button');
    for (const p of [owner, a, b]) await barrageHas(p, 'Welcome Ava and Ben!');
    await shot('barrage', 'b', 'owner');

    // 6. Likes add up on every page: 1 from the owner, 2 from Ava, 3 from Ben.
    const likeButton = (p: Page) => p.locator('vr-like-button button.like');
    await likeButton(owner).click();
    for (let i = 0; i < 2; i++) await likeButton(a).click();
    for (let i = 0; i < 3; i++) await likeButton(b).click();
    for (const p of [owner, a, b])
      await until(
        '6 likes',
        () => likeCount(p),
        (t) => t === '6',
      );
    await shot('likes', 'owner');

    // 7. Ben sends a gift with a full-screen effect to the owner; it plays on every page and his balance drops.
    await b.locator('vr-room button.gift').click();
    const panel = b.locator('vr-gift-panel');
    const coins = () => text(panel.locator('.balance .coins'));
    const before = Number((await until('balance shown', coins, (t) => /^\d[\d,]*$/.test(t))).replace(/,/g, ''));
    await panel.getByRole('radio', { name: 'Send to Olivia' }).click();
    await panel.getByRole('tab', { name: 'Effects' }).click();
    await panel.locator('button.gift[data-gift-id="heart-burst"]').click();
    const playing = [owner, a, b].map((p) =>
      p
        .locator('vr-gift-player .stage.active')
        .waitFor({ timeout: WAIT })
        .then(async () => {
          const caption = await until(
            'caption',
            () => text(p.locator('vr-gift-player .caption-text')),
            (t) => t.includes('Love Burst'),
          );
          return caption;
        }),
    );
    await panel.locator('button.send').click();
    const captions = await Promise.all(playing);
    for (const c of captions) assert.match(c, /Ben sent Love Burst to Olivia/);
    await shot('gift-effect', 'a', 'owner');
    const afterCoins = Number(
      (await until('balance drops by 99', coins, (t) => Number(t.replace(/,/g, '')) === before - 99)).replace(/,/g, ''),
    );
    console.log(`Ben's balance ${before} → ${afterCoins}`);
    await shot('gift-balance', 'b');
    await b.locator('vr-room dialog.sheet').getByRole('button', { name: 'Close' }).click();

    // 8. Ava follows the owner: the fan count on the owner card rises everywhere.
    assert.equal(await fans(owner), '0 fans');
    await a.locator('vr-live-info .owner:not(.in-panel) button.follow').click();
    await until(
      'Ava is following',
      () => text(a.locator('vr-live-info .owner:not(.in-panel) button.follow')),
      (t) => t.startsWith('Following'),
    );
    for (const p of [owner, a, b])
      await until(
        '1 fan',
        () => fans(p),
        (t) => t === '1 fan',
      );
    await shot('follow', 'owner');

    // 9. The owner locks an empty seat.
    const lockIndex = 7;
    await seat(owner, lockIndex).locator('[part="base"]').click();
    await seat(owner, lockIndex).getByRole('menuitem', { name: 'Lock seat' }).click();
    for (const p of [owner, b])
      await until(
        'seat 8 locked',
        () => text(seat(p, lockIndex).locator('.name')),
        (t) => t === 'Locked',
      );
    await shot('seat-locked', 'b');

    // 10. The owner removes Ava from her seat.
    await seat(owner, avaIndex).locator('[part="base"]').click();
    await seat(owner, avaIndex).getByRole('menuitem', { name: 'Remove from seat' }).click();
    await until(
      'Ava off the mic',
      () => text(micButton(a).locator('.mic-label')),
      (t) => t === 'Apply to speak',
    );
    await until(
      "seat empty on Ben's page",
      () => text(seat(b, avaIndex).locator('.name')),
      (t) => t === 'Empty',
    );
    await until(
      'Ava is told why',
      () => text(a.locator('vr-room .note')),
      (t) => t === `A host took you off seat ${avaIndex + 1}.`,
    );
    await until(
      'Ben reads it as a removal, not a leave',
      () => b.locator('vr-barrage li.notice').allTextContents(),
      (n) => n.some((t) => t.includes(`Ava was removed from seat ${avaIndex + 1}`)),
    );
    await shot('speaker-kicked', 'a');

    // 11. The owner mutes Ben from the audience list; Ben's composer is disabled and says why.
    await owner.locator('vr-audience-list button.base').click();
    await owner.getByRole('button', { name: /^Mute Ben for \d+ minutes$/ }).click();
    await owner.getByRole('button', { name: 'Unmute Ben' }).waitFor({ timeout: WAIT });
    await shot('member-muted', 'owner');
    await owner.locator('vr-audience-list dialog.panel-dialog').getByRole('button', { name: 'Close' }).click();
    await until(
      'Ben is told he is muted',
      () => text(b.locator('vr-barrage [part="reason"]')),
      (t) => /^You are muted · /.test(t),
    );
    assert.equal(await b.locator('vr-barrage input.input').isDisabled(), true);
    assert.equal(await b.locator('vr-barrage button.send').isDisabled(), true);
    assert.equal(await state(b.locator('vr-barrage'), 'blocked'), 'muted');
    await shot('muted-cannot-chat', 'b');

    // 12. Ava's page is closed: the audience count drops on the others.
    await a.close();
    delete pages['a'];
    for (const p of [owner, b])
      await until(
        'audience of 2',
        () => audienceTotal(p),
        (t) => t === '2',
      );
    await shot('listener-gone', 'owner');

    // 13. The server restarts on the same data dir: the room list, follows and balances are still there.
    assert.equal(await stopServer(run.server!), 0, 'npm start exits 0 on SIGINT');
    run.server = null;
    run.server = await startServer(run.port, run.dataDir, run.demoDir);
    // Nothing changed since the first start: the second one serves that build.
    assert.match(run.server.output, /npm start: demo up to date in .*, not rebuilt/);
    // Ava's browser still remembers her: a new tab offers her (never assumes her: each tab is one person).
    const a2 = await openPage('a');
    await a2.getByRole('button', { name: 'Sign in as Ava' }).click();
    const card = a2.locator('vr-room-list button.card').filter({ hasText: ROOM_NAME });
    await card.waitFor({ timeout: WAIT });
    await shot('after-restart-room-list', 'a');
    await card.click();
    await live(a2);
    await until(
      'Ava still follows',
      () => text(a2.locator('vr-live-info .owner:not(.in-panel) button.follow')),
      (t) => t.startsWith('Following'),
    );
    await until(
      '1 fan after restart',
      () => fans(a2),
      (t) => t === '1 fan',
    );
    for (const p of [owner, b])
      await until(
        `${p === owner ? 'owner' : 'Ben'} live again`,
        () => state(room(p), 'connection'),
        (c) => c === 'connected',
        30_000,
      );
    await b.locator('vr-room button.gift').click();
    await until(
      "Ben's balance survived",
      () => text(b.locator('vr-gift-panel .balance .coins')),
      (t) => Number(t.replace(/,/g, '')) === before - 99,
    );
    await shot('after-restart-balance', 'b', 'a');
    await b.locator('vr-room dialog.sheet').getByRole('button', { name: 'Close' }).click();

    // 14. The owner removes Ava from the room and keeps her out for an hour, after a question; Ava is told, and she
    // cannot walk straight back in.
    await owner.locator('vr-audience-list button.base').click();
    await owner.getByRole('button', { name: 'Remove Ava from the room' }).click();
    const question = owner.locator('vr-audience-list dialog.kick-confirm');
    await until(
      'the owner is asked first',
      () => text(question.locator('.confirm-title')),
      (t) => t === 'Remove Ava from the room?',
    );
    await question.getByLabel('For 1 hour').check();
    await shot('remove-confirm', 'owner');
    await question.locator('[data-action="confirm-kick"]').click();
    await until(
      'Ava is told she is kept out',
      () => text(a2.locator('vr-room .notice h2')),
      (t) => t === 'You are banned from this room',
    );
    await until(
      'Ben reads that Ava was removed',
      () => b.locator('vr-barrage li.notice').allTextContents(),
      (n) => n.some((t) => t.includes('Ava was removed from the room')),
    );
    await owner.locator('vr-audience-list dialog.panel-dialog').getByRole('button', { name: 'Close' }).click();
    await a2.locator('vr-room .notice button[data-action="leave"]').click();
    await card.click();
    await a2.locator('vr-room:state(phase-failed)').waitFor({ timeout: WAIT });
    await until(
      'a banned listener cannot come straight back',
      () => text(a2.locator('vr-room .notice h2')),
      (t) => t === 'You are banned from this room',
    );
    await shot('banned', 'a');

    // 15. The owner ends the room; every page in it shows it ended.
    await owner.locator('vr-room button.end').click();
    await owner.locator('vr-room dialog.confirm button[data-action="end"]').click();
    for (const [p, title] of [
      [owner, 'You ended the live'],
      [b, 'This live has ended'],
    ] as const) {
      await p.locator('vr-room:state(phase-ended)').waitFor({ timeout: WAIT });
      await until(
        'ended notice',
        () => text(p.locator('vr-room .notice h2')),
        (t) => t === title,
      );
    }
    await shot('ended', 'b', 'owner');

    assert.deepEqual(cspViolations, [], "the demo runs under the server's CSP without a single refusal");
    assert.equal(await stopServer(run.server!), 0, 'npm start exits 0 on SIGINT');
    run.server = null;
    finished = true;
    console.log(`journey done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
