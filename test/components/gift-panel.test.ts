import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
// The element is lazy in the components entry (loaded on first sight); its own module defines it at once.
import '../../components/gift-panel/gift-panel.js';
import { type VrGiftPanel, setLocale } from '../../components/index.js';
import { ErrorCode, type Gift, type GiftEffect, type Room } from '../../src/index.js';
import { gatedBackend, people, until, useScene } from './helpers.js';
import { expectAccessible } from './accessible.js';

const catalog = (await (await fetch('/gifts/catalog.json')).json()) as Gift[];

const root = (el: VrGiftPanel) => el.shadowRoot!;
const giftButton = (el: VrGiftPanel, id: string) =>
  root(el).querySelector<HTMLButtonElement>(`.gift[data-gift-id="${id}"]`)!;
const receiverButton = (el: VrGiftPanel, id: string) =>
  root(el).querySelector<HTMLButtonElement>(`.receiver[data-user-id="${id}"]`)!;
const sendButton = (el: VrGiftPanel) => root(el).querySelector<HTMLButtonElement>('button.send')!;
const countSelect = (el: VrGiftPanel) => root(el).querySelector<HTMLSelectElement>('select.count')!;
const balanceText = (el: VrGiftPanel) => root(el).querySelector('.balance .coins')!.textContent!.trim();
const tabs = (el: VrGiftPanel) => [...root(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];

async function mount(room: Room): Promise<VrGiftPanel> {
  const el = await fixture<VrGiftPanel>(html`<vr-gift-panel .room=${room}></vr-gift-panel>`);
  await until(() => root(el).querySelectorAll('.gift').length > 0, 'gift grid');
  return el;
}

async function chooseCount(el: VrGiftPanel, count: number): Promise<void> {
  const select = countSelect(el);
  select.value = String(count);
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

/** Collects the effects a room will play. */
function effectsOf(room: Room): GiftEffect[] {
  const effects: GiftEffect[] = [];
  room.giftEffects$.subscribe((e) => effects.push(e));
  return effects;
}

describe('<vr-gift-panel>', () => {
  const s = useScene();
  let ben: Room;
  beforeEach(async () => {
    s.server.setCatalog(catalog);
    await s.host.loadGifts();
    ben = await s.join(people.ben);
    await ben.takeSeat(2);
  });

  it('shows the catalog in category tabs with icon, name, price and level, and my balance', async () => {
    const el = await mount(ben);
    expect(tabs(el).map((t) => t.textContent!.trim())).to.deep.equal(['Classic', 'Effects']);
    const rose = giftButton(el, 'rose');
    expect(rose.getAttribute('aria-label')).to.equal('Rose, 1 coin, level 1');
    expect(rose.querySelector('img')!.getAttribute('src')).to.equal('/gifts/rose.svg');
    expect(rose.querySelector('.level')!.textContent).to.equal('Lv.1');
    expect(balanceText(el)).to.equal('1,000');
    // The first gift of the tab is chosen, the host is the default receiver.
    expect(rose.getAttribute('aria-checked')).to.equal('true');
    expect(el.receiver?.userId).to.equal('ava');
    tabs(el)[1]!.click();
    await el.updateComplete;
    expect(giftButton(el, 'rose')).to.equal(null);
    expect(giftButton(el, 'rocket').querySelector('.level')!.textContent).to.equal('Lv.4');
    expect(el.gift?.giftId).to.equal('heart-burst');
    expect([...countSelect(el).options].map((o) => o.textContent)).to.deep.equal([
      '×1',
      '×10',
      '×66',
      '×99',
      '×520',
      '×1314',
    ]);
  });

  it('sends: the balance drops by price × count and another client plays the gift', async () => {
    const hostEffects = effectsOf(s.host);
    const el = await mount(ben);
    giftButton(el, 'star').click();
    await chooseCount(el, 10);
    expect(sendButton(el).getAttribute('aria-label')).to.equal('Send 10 × Lucky Star to Ava Chen for 50 coins');
    const sent = oneEvent(el, 'vr-gift-send');
    sendButton(el).click();
    const event = await sent;
    expect(event.detail).to.deep.include({ count: 10, receiverId: 'ava', amount: 50 });
    expect(event.detail.gift.giftId).to.equal('star');
    await until(() => balanceText(el) === '950', 'balance 950');
    await until(() => hostEffects.length === 1, "host's effect");
    expect(hostEffects[0]).to.include({ giftId: 'star', count: 10, senderName: 'Ben Ito', receiverName: 'Ava Chen' });
    const totals = s.host.state.snapshot!.gifts;
    expect(totals.amount).to.equal(50);
  });

  it('sends to the receiver I choose, with the keyboard too', async () => {
    const cleo = await s.join(people.cleo);
    await cleo.takeSeat(3);
    const cleoEffects = effectsOf(cleo);
    const el = await mount(ben);
    await until(() => !!receiverButton(el, 'cleo'), 'cleo as a receiver');
    // Me (ben) is not offered; the host comes first.
    expect([...root(el).querySelectorAll('.receiver')].map((b) => b.getAttribute('data-user-id'))).to.deep.equal([
      'ava',
      'cleo',
    ]);
    receiverButton(el, 'ava').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(receiverButton(el, 'cleo').getAttribute('aria-checked')).to.equal('true');
    expect(root(el).activeElement).to.equal(receiverButton(el, 'cleo'));
    // Gift grid: arrows move the choice, Enter on the send button sends.
    giftButton(el, 'rose').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.gift?.giftId).to.equal('star');
    sendButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => cleoEffects.length === 1, "cleo's effect");
    expect(cleoEffects[0]).to.include({ giftId: 'star', receiverName: 'Cleo', receiverId: 'cleo' });
  });

  it('a prevented vr-gift-send sends nothing', async () => {
    const hostEffects = effectsOf(s.host);
    const el = await mount(ben);
    el.addEventListener('vr-gift-send', (e) => e.preventDefault());
    sendButton(el).click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hostEffects).to.have.length(0);
    expect(balanceText(el)).to.equal('1,000');
    expect(s.host.state.snapshot!.gifts.amount).to.equal(0);
  });

  it('shows whole gift names in a desktop-wide sheet, wrapping instead of cutting them off', async () => {
    const el = await fixture<VrGiftPanel>(
      html`<vr-gift-panel .room=${ben} style="inline-size: 528px"></vr-gift-panel>`,
    );
    await until(() => root(el).querySelectorAll('.gift').length > 0, 'gift grid');
    for (const tab of tabs(el)) {
      tab.click();
      await el.updateComplete;
      for (const name of root(el).querySelectorAll<HTMLElement>('.gift .name')) {
        expect(name.scrollWidth, `"${name.textContent}" fits across`).to.be.at.most(name.clientWidth);
        expect(name.scrollHeight, `"${name.textContent}" fits down`).to.be.at.most(name.clientHeight);
      }
    }
    expect([...root(el).querySelectorAll('.gift .name')].map((n) => n.textContent)).to.include('Love Burst');
  });

  it('insufficient balance: send disabled, the reason shown, recharge offered', async () => {
    const el = await mount(ben);
    tabs(el)[1]!.click();
    await el.updateComplete;
    giftButton(el, 'rocket').click();
    await el.updateComplete;
    expect(sendButton(el).disabled).to.equal(true);
    expect(root(el).querySelector('.alert')!.textContent!.trim()).to.equal('Not enough coins: 1,314 needed');
    const recharge = root(el).querySelector<HTMLButtonElement>('button.recharge')!;
    expect(recharge.classList.contains('urge')).to.equal(true);
    const asked = oneEvent(el, 'vr-gift-recharge');
    recharge.click();
    expect((await asked).detail).to.deep.equal({ balance: 1000, needed: 1314 });
    // Cheaper gifts become sendable again; so does the same gift once the balance grows.
    giftButton(el, 'heart-burst').click();
    await chooseCount(el, 66);
    expect(sendButton(el).disabled).to.equal(true);
    await chooseCount(el, 1);
    expect(sendButton(el).disabled).to.equal(false);
    s.server.setBalance('ben', 5_000);
    await ben.refreshBalance();
    giftButton(el, 'rocket').click();
    await el.updateComplete;
    expect(sendButton(el).disabled).to.equal(false);
  });

  // A screen reader announces a change to a live region it already knows; one created holding its text (or filled in
  // the task that created it) is not announced. So each region is there, empty, from the first render, and what it
  // says is put into it later.
  /** Mounts a panel and watches its live region with `role`: checked empty at the first render, then each text in. */
  async function watchRegion(room: Room, role: 'status' | 'alert', words: string) {
    const el = await fixture<VrGiftPanel>(html`<vr-gift-panel .room=${room}></vr-gift-panel>`);
    const region = root(el).querySelector(`[role="${role}"]`)!;
    expect(region, `a ${role} region from the first render`).to.not.equal(null);
    expect(region.textContent!.trim()).to.equal('');
    await until(() => root(el).querySelectorAll('.gift').length > 0, 'gift grid');
    // In the order the DOM changes: a region (re)created with its text would show up as an added node holding it.
    const events: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) {
          if (!node.textContent?.includes(words)) continue;
          const inRegion = node instanceof Element && node.closest(`[role="${role}"]`) === region;
          events.push(inRegion && node !== region ? 'text into the region' : 'text with a new region');
        }
    });
    observer.observe(root(el), { childList: true, subtree: true, characterData: true });
    const said = async () => {
      await until(() => region.textContent!.includes(words), 'the words, in the region');
      observer.disconnect();
      expect(events).to.deep.equal(['text into the region']);
      expect(root(el).querySelectorAll(`[role="${role}"]`)).to.have.length(1);
      expect(region.isConnected).to.equal(true);
    };
    return { el, region, said };
  }

  it('says "not enough coins" in a status region that was on the page, empty, before its text', async () => {
    const { el, region, said } = await watchRegion(ben, 'status', 'Not enough coins');
    tabs(el)[1]!.click();
    await el.updateComplete;
    giftButton(el, 'rocket').click();
    await said();
    expect(region.textContent!.trim()).to.equal('Not enough coins: 1,314 needed');
    giftButton(el, 'heart-burst').click();
    await until(() => region.textContent!.trim() === '', 'empty again once the balance covers the choice');
    expect(root(el).querySelector('[role="status"]'), 'the same region stays').to.equal(region);
  });

  it('says a refused send in an alert region that was on the page, empty, before it', async () => {
    const dev = await s.join(people.dev);
    const { el, region, said } = await watchRegion(dev, 'alert', 'Not enough coins');
    giftButton(el, 'diamond').click();
    await el.updateComplete;
    // Spent elsewhere: the panel still believes the balance covers it, and the server refuses.
    s.server.setBalance('dev', 10);
    sendButton(el).click();
    await said();
    root(el).querySelector<HTMLButtonElement>('.dismiss')!.click();
    await until(() => region.textContent!.trim() === '', 'empty again once dismissed');
    expect(root(el).querySelector('[role="alert"]'), 'the same region stays').to.equal(region);
  });

  it('shows pending while the send is in flight, and the -2902 message when the server refuses', async () => {
    const backend = gatedBackend(s.server);
    const dev = await s.join(people.dev, backend);
    const el = await mount(dev);
    giftButton(el, 'diamond').click();
    await el.updateComplete;
    backend.hold();
    sendButton(el).click();
    await el.updateComplete;
    expect(sendButton(el).getAttribute('aria-busy')).to.equal('true');
    expect(sendButton(el).disabled).to.equal(true);
    expect(sendButton(el).textContent!.trim()).to.equal('Sending…');
    backend.release();
    await until(() => sendButton(el).getAttribute('aria-busy') === 'false', 'not busy');
    expect(balanceText(el)).to.equal('934');
    // The balance changed elsewhere (another device spent it): the panel still believes 934, the server refuses.
    s.server.setBalance('dev', 10);
    const failed = oneEvent(el, 'vr-gift-error');
    const commandFailed = oneEvent(el, 'vr-command-error');
    sendButton(el).click();
    const error = await failed;
    expect(error.detail.code).to.equal(ErrorCode.INSUFFICIENT_BALANCE);
    expect((await commandFailed).detail).to.include({ key: 'send', code: ErrorCode.INSUFFICIENT_BALANCE });
    await el.updateComplete;
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Not enough coins');
    await setLocale('zh-CN');
    sendButton(el).click();
    await until(
      () => root(el).querySelector('[role="alert"]')?.textContent?.includes('金币不足') ?? false,
      'zh-CN message',
    );
    setLocale('en');
  });

  it('says so when nobody else is seated', async () => {
    await ben.leaveSeat();
    // The host is seated, but a host cannot send to themself.
    const el = await fixture<VrGiftPanel>(html`<vr-gift-panel .room=${s.host}></vr-gift-panel>`);
    await until(() => root(el).querySelectorAll('.gift').length > 0, 'grid');
    expect(root(el).querySelector('.no-receiver')!.textContent).to.equal('Nobody on a seat to send to yet');
    expect(sendButton(el).disabled).to.equal(true);
  });

  it('is accessible, in both themes and when the balance is short', async () => {
    const el = await mount(ben);
    await expectAccessible(el);
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
    tabs(el)[1]!.click();
    await el.updateComplete;
    giftButton(el, 'crown').click();
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('leaks nothing: mounted and removed 100 times, the room is no longer observed', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    for (let i = 0; i < 100; i++) {
      const el = document.createElement('vr-gift-panel');
      el.room = ben;
      wrapper.append(el);
      await el.updateComplete;
      el.remove();
    }
    expect(ben.observed).to.equal(false);
  });
});
