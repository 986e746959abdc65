// After a live ends, nobody is stuck: the demo through `npm start`'s real server (as journey.test.ts runs it), one
// owner and one listener in their own browser contexts.
//  - "Back to rooms" on the ended notice goes back to the room list (the demo handles `vr-room-leave`).
//  - Reloading the owner's "You ended the live" screen does not start the room again.
//  - A listener in an ended room is taken back to the list by itself, and both can start another room in the
//    same tab, without a reload.
// Screenshots land in test-results/after-end/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { PAGE_PATIENCE_MS, untilValue } from '../until.js';
import { demoRun, state } from './npm-start.js';

const WAIT = PAGE_PATIENCE_MS;
/** Polls with e2e patience; a step that legitimately takes longer says its own. */
const until = <T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, patienceMs = WAIT) =>
  untilValue(what, probe, ok, Math.max(patienceMs, WAIT));
const text = async (l: Locator) =>
  ((await l.first().textContent({ timeout: 2_000 })) ?? '').replace(/\s+/g, ' ').trim();

describe('after a live ends: back to rooms, reload, another room in the same tab', { timeout: 600_000 }, () => {
  const run = demoRun('after-end');
  const { pages } = run;
  const shots = (file: string) => join(run.shots, file);

  async function signIn(name: string): Promise<Page> {
    const context = await run.browser.newContext({
      permissions: ['microphone'],
      viewport: { width: 1100, height: 760 },
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${name}] ${e.message}`));
    pages.push(page);
    await page.goto(run.server!.url);
    await page.locator('#name').fill(name);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('vr-room-list').waitFor();
    return page;
  }

  async function goLive(page: Page, roomName: string): Promise<string> {
    await page.locator('input[name="roomName"]').fill(roomName);
    await page.getByRole('button', { name: 'Go live' }).click();
    await page.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });
    return decodeURIComponent(/#\/room\/(.+)$/.exec(page.url())![1]!);
  }

  async function end(page: Page): Promise<void> {
    await page.locator('vr-room button.end').click();
    await page.locator('vr-room dialog.confirm button[data-action="end"]').click();
    await page.locator('vr-room:state(phase-ended)').waitFor({ timeout: WAIT });
  }

  const inLobby = (page: Page) =>
    until(
      'the room list',
      async () => ({ hash: new URL(page.url()).hash, list: await page.locator('vr-room-list').count() }),
      (s) => s.hash === '' && s.list === 1,
    );
  const phase = (page: Page) => state(page.locator('vr-room'), 'phase', 2_000);

  it('goes back to the list after the end, does not restart on reload, and starts or joins another room in the same tab', async () => {
    const owner = await signIn('Olivia');
    const roomId = await goLive(owner, 'First room');
    const listener = await signIn('Leo');
    const card = listener.locator('vr-room-list button.card').filter({ hasText: 'First room' });
    await card.waitFor({ timeout: WAIT });
    await card.click();
    await listener.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });

    // The owner ends it: both see the ended notice.
    await end(owner);
    assert.equal(await text(owner.locator('vr-room .notice h2')), 'You ended the live');
    await listener.locator('vr-room:state(phase-ended)').waitFor({ timeout: WAIT });
    await owner.screenshot({ path: shots('01-owner-ended.png') });

    // "Back to rooms" on the notice goes back to the list.
    await listener.locator('vr-room .notice button[data-action="leave"]').click();
    await inLobby(listener);

    // Reloading the ended screen must not start the room again.
    await owner.reload();
    await until(
      'the reloaded page tried to open the room',
      () => phase(owner),
      (p) => p === 'failed',
    );
    // ...and says so in words, with the way back.
    assert.equal(await text(owner.locator('vr-room .notice h2')), 'This live has ended');
    await owner.screenshot({ path: shots('02-owner-reloaded.png') });
    await owner.locator('vr-room .notice button[data-action="leave"]').click();
    await inLobby(owner);
    await owner.locator('vr-room-list section.base[aria-busy="false"]').waitFor({ timeout: WAIT });
    assert.equal(
      await owner.locator('vr-room-list button.card').filter({ hasText: 'First room' }).count(),
      0,
      `the ended room ${roomId} is not listed`,
    );

    // Both were in the ended room; in the same tabs, without a reload, one starts another room and the other joins it.
    // The list keeps itself current: the demo leaves its poll on (every 15 s, the element's default), and Leo does not
    // press Refresh. Here it polls every second, as in test/components/room-list.test.ts (which checks the interval
    // and that a hidden page does not poll), so the test does not sit out up to 15 s of the demo's.
    const leosList = listener.locator('vr-room-list');
    assert.equal(await leosList.evaluate((el) => (el as HTMLElement & { poll: number }).poll), 15, "the demo's poll");
    await leosList.evaluate((el) => ((el as HTMLElement & { poll: number }).poll = 1));
    await goLive(owner, 'Second room');
    const second = listener.locator('vr-room-list button.card').filter({ hasText: 'Second room' });
    await until(
      "Second room appears in Leo's list by itself",
      () => second.count(),
      (n) => n === 1,
    );
    await second.click();
    await listener.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });

    // The owner ends it: the listener sees the ended notice with its countdown, then is back in the list by itself.
    await end(owner);
    await listener.locator('vr-room:state(phase-ended)').waitFor({ timeout: WAIT });
    assert.match(await text(listener.locator('vr-room .notice-auto')), /^Going back to the rooms in \d s$/);
    await listener.screenshot({ path: shots('03-listener-countdown.png') });
    await inLobby(listener);

    // And he can go live himself in that tab.
    await goLive(listener, 'Third room');
    await listener.screenshot({ path: shots('04-listener-own-room.png') });
  });
});
