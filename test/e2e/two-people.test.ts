// Two windows, two people (issue 15, item 12): the README says "open the URL in two windows, sign in as two people".
// One browser profile (one Playwright context: shared localStorage and cookies) must be able to do that: each tab
// keeps its own person. Also through `npm start`'s demo: the same person in a further tab is the kit's "Opened in
// another tab" case, the gift panel's "Recharge ›" tops the wallet up, and the language switch sticks.
// Screenshots land in test-results/two-people/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PAGE_PATIENCE_MS, untilValue } from '../until.js';
import { demoRun, state } from './npm-start.js';

const WAIT = PAGE_PATIENCE_MS;
/** Polls with e2e patience; a step that legitimately takes longer (a list's 15 s poll) says its own. */
const until = <T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, patienceMs = WAIT) =>
  untilValue(what, probe, ok, Math.max(patienceMs, WAIT));
const text = async (l: Locator) =>
  ((await l.first().textContent({ timeout: 2_000 })) ?? '').replace(/\s+/g, ' ').trim();

describe('two windows of one browser, two people', { timeout: 600_000 }, () => {
  const run = demoRun('two-people');
  const { pages } = run;
  const shots = (file: string) => join(run.shots, file);
  let context: BrowserContext;

  before(async () => {
    // One context = one browser profile: every page shares localStorage, as two windows of one browser do.
    context = await run.browser.newContext({ permissions: ['microphone'], viewport: { width: 1100, height: 760 } });
  });

  async function openTab(label: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${label}] ${e.message}`));
    pages.push(page);
    await page.goto(run.server!.url);
    return page;
  }

  async function signInAs(page: Page, name: string): Promise<void> {
    await page.locator('#name').fill(name);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.locator('vr-room-list').waitFor({ timeout: WAIT });
  }

  const signedInAs = (page: Page) => text(page.locator('header .me-name'));
  const barrageTexts = (page: Page) =>
    page
      .locator('vr-room vr-barrage li.message')
      .allTextContents()
      .then((all) => all.map((t) => t.replace(/\s+/g, ' ').trim()));

  it('signs the second window in as a second person; both are in the room as themselves', async () => {
    const ava = await openTab('Ava');
    await signInAs(ava, 'Ava');
    assert.equal(await signedInAs(ava), 'Ava');
    await ava.locator('input[name="roomName"]').fill('Two of us');
    await ava.getByRole('button', { name: 'Go live' }).click();
    await ava.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });

    // The second window of the same browser: asked who it is, not signed in as Ava.
    const ben = await openTab('Ben');
    await ben.locator('#name').waitFor({ timeout: WAIT });
    assert.equal(
      await ben.getByRole('button', { name: 'Sign in as Ava' }).count(),
      1,
      'the last person is offered, not assumed',
    );
    await signInAs(ben, 'Ben');
    assert.equal(await signedInAs(ben), 'Ben');
    const card = ben.locator('vr-room-list button.card').filter({ hasText: 'Two of us' });
    await card.waitFor({ timeout: WAIT });
    await card.click();
    await ben.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });

    // Both in the room, each as themselves: Ava sees Ben arrive and his message under his name, and the reverse.
    await until(
      'Ava sees Ben join',
      () => text(ava.locator('vr-room vr-barrage li.notice').last()),
      (t) => t === 'Ben joined',
    );
    await ben.locator('vr-room vr-barrage input.input').fill('hi from Ben');
    await ben.locator('vr-room vr-barrage input.input').press('Enter');
    await ava.locator('vr-room vr-barrage input.input').fill('hi from Ava');
    await ava.locator('vr-room vr-barrage input.input').press('Enter');
    for (const page of [ava, ben]) {
      await until(
        'both messages under their senders',
        () => barrageTexts(page),
        (all) => all.includes('Benhi from Ben') && all.some((t) => t.endsWith('Avahi from Ava')),
      );
    }
    assert.equal(await state(ava.locator('vr-room'), 'view'), 'host');
    assert.equal(await state(ben.locator('vr-room'), 'view'), 'listener');
    // Neither window pushed the other out.
    for (const page of [ava, ben])
      assert.equal(await page.locator('vr-room .notice[data-phase="displaced"]').count(), 0);
    // A reload keeps each tab's person.
    await ava.reload();
    await ava.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });
    assert.equal(await signedInAs(ava), 'Ava');
    assert.equal(await state(ava.locator('vr-room'), 'view'), 'host');
    await ava.screenshot({ path: shots('01-ava.png') });
    await ben.screenshot({ path: shots('02-ben.png') });
  });

  it('tops up the wallet from "Recharge ›", and the gift panel shows the new balance', async () => {
    const ben = pages[1]!;
    await ben.locator('vr-room button.gift').click();
    const coins = ben.locator('vr-room vr-gift-panel .balance .coins');
    const before = await until(
      'the balance',
      () => text(coins),
      (t) => /^\d[\d,]*$/.test(t),
    );
    await ben.locator('vr-room vr-gift-panel button.recharge').click();
    const wallet = ben.locator('dialog.wallet');
    await wallet.waitFor({ timeout: WAIT });
    await ben.screenshot({ path: shots('03-wallet.png') });
    await wallet.getByRole('button', { name: '+500' }).click();
    await wallet.waitFor({ state: 'hidden', timeout: WAIT });
    await until(
      'the balance grew by 500',
      () => text(coins),
      (t) => Number(t.replace(/,/g, '')) === Number(before.replace(/,/g, '')) + 500,
    );

    // A bad amount is refused with the server's reason, and nothing changes.
    const after = await text(coins);
    await ben.locator('vr-room vr-gift-panel button.recharge').click();
    await wallet.locator('#coins').fill('2000000');
    await wallet.locator('#coins').evaluate((input: HTMLInputElement) => input.removeAttribute('max'));
    await wallet.getByRole('button', { name: 'Add coins' }).click();
    await until(
      'the reason',
      () => text(wallet.locator('.error')),
      (t) => t === 'coins must be an integer from 1 to 1000000',
    );
    await wallet.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await text(coins), after);
    await ben.keyboard.press('Escape');
  });

  it('switches the language, and keeps it after a reload', async () => {
    const ben = pages[1]!;
    await ben.getByRole('button', { name: '中文' }).click();
    const input = ben.locator('vr-room vr-barrage input.input');
    await until(
      'the kit speaks Chinese',
      () => input.getAttribute('placeholder'),
      (p) => p === '说点什么…',
    );
    assert.equal(await ben.locator('html').getAttribute('lang'), 'zh-CN');
    await ben.reload();
    await ben.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });
    await until(
      'still Chinese after the reload',
      () => input.getAttribute('placeholder'),
      (p) => p === '说点什么…',
    );
    await ben.screenshot({ path: shots('04-ben-zh.png') });
    await ben.getByRole('button', { name: 'EN' }).click();
    await until(
      'English again',
      () => input.getAttribute('placeholder'),
      (p) => p === 'Say something…',
    );
  });

  it('the same person in a third tab takes over, and the older tab says so', async () => {
    const ben = pages[1]!;
    const again = await openTab('Ben again');
    await again.getByRole('button', { name: 'Sign in as Ben' }).click();
    await again.locator('vr-room-list').waitFor({ timeout: WAIT });
    assert.equal(await signedInAs(again), 'Ben');
    await again.locator('vr-room-list button.card').filter({ hasText: 'Two of us' }).click();
    await again.locator('vr-room:state(phase-live)').waitFor({ timeout: WAIT });
    await ben.locator('vr-room .notice[data-phase="displaced"]').waitFor({ timeout: WAIT });
    // Ava's window is untouched by Ben's tabs.
    assert.equal(await signedInAs(pages[0]!), 'Ava');
    assert.equal(await pages[0]!.locator('vr-room .notice[data-phase="displaced"]').count(), 0);
  });
});
