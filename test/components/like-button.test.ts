import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
// Lazy in the components entry (loaded on first sight); its own module defines it at once.
import { VrLikeButton } from '../../components/like-button/like-button.js';
import { VrLikeEvent, setLocale } from '../../components/index.js';
import { type MemoryBackend, createMemoryBackend } from '../../src/backends/memory/index.js';
import { LIKE_FLUSH_INTERVAL_MS, type Room } from '../../src/index.js';
import { ROOM_ID, type SceneHandle, people, until, useScene } from './helpers.js';
import { expectAccessible } from './accessible.js';

const { ben, cleo } = people;

const root = (el: VrLikeButton) => el.shadowRoot!;
const button = (el: VrLikeButton) => root(el).querySelector<HTMLButtonElement>('button.like')!;
const count = (el: VrLikeButton) => root(el).querySelector('.count')!.textContent!.trim();
const hearts = (el: VrLikeButton, who = '') => root(el).querySelectorAll(`.hearts .heart${who}`).length;

/** A memory backend that counts the `like.send` commands it carries. */
function countingBackend(s: SceneHandle): MemoryBackend & { likeSends: number } {
  const backend = createMemoryBackend({ server: s.server }) as MemoryBackend & { likeSends: number };
  backend.likeSends = 0;
  const send = backend.send.bind(backend);
  backend.send = ((type, args) => {
    if (type === 'like.send') backend.likeSends++;
    return send(type, args);
  }) as MemoryBackend['send'];
  return backend;
}

async function mount(room: Room, options: { ready?: boolean } = {}): Promise<VrLikeButton> {
  const el = await fixture<VrLikeButton>(
    html`<vr-like-button .room=${room} style="margin-top: 220px"></vr-like-button>`,
  );
  await el.updateComplete;
  // The hearts' code comes a moment after the button (when the browser is idle); the tests of what happens before
  // it arrives ask not to wait.
  if (options.ready !== false) await until(() => el.heartsReady, "the hearts' code");
  return el;
}

/** Makes `VrLikeButton.importHearts` wait for `arrive()` (or fail while `failing`), counting its calls; `restore()` undoes it. */
function holdHearts() {
  const importHearts = VrLikeButton.importHearts;
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const hold = {
    fetches: 0,
    failing: false,
    held: true,
    arrive: () => ((hold.held = false), arrive()),
    restore: () => (VrLikeButton.importHearts = importHearts),
  };
  VrLikeButton.importHearts = () => {
    hold.fetches++;
    if (hold.failing) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    return hold.held ? arrived.then(importHearts) : importHearts();
  };
  return hold;
}

describe('<vr-like-button>', () => {
  const s = useScene({ manualClock: true, limits: { likeRate: { limit: 1e9, windowMs: 1 } } });
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('counts taps at once, sends them as one batch, and other clients see the total', async () => {
    const backend = countingBackend(s);
    const benRoom = await s.join(ben, backend);
    const el = await mount(benRoom);
    const hostEl = await mount(s.host);
    expect(count(el)).to.equal('0');
    for (let i = 0; i < 5; i++) button(el).click();
    await el.updateComplete;
    expect(count(el), 'at once').to.equal('5');
    expect(button(el).getAttribute('aria-label')).to.equal('Like, 5 likes');
    expect(backend.likeSends, 'nothing sent before the flush interval').to.equal(0);
    expect(s.server.room(ROOM_ID)!.likes.total).to.equal(0);

    s.clock.advance(LIKE_FLUSH_INTERVAL_MS);
    await until(() => s.server.room(ROOM_ID)!.likes.total === 5, 'server total');
    expect(backend.likeSends, 'one like.send for five taps').to.equal(1);
    await until(() => count(hostEl) === '5', 'the host sees 5');
    expect(count(el), 'no double counting once the server answered').to.equal('5');
  });

  it('says "1 like", not "1 likes", and "2 likes" after another tap', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(benRoom);
    expect(button(el).getAttribute('aria-label')).to.equal('Like');
    button(el).click();
    await el.updateComplete;
    expect(button(el).getAttribute('aria-label')).to.equal('Like, 1 like');
    button(el).click();
    await el.updateComplete;
    expect(button(el).getAttribute('aria-label')).to.equal('Like, 2 likes');
  });

  it('works from the keyboard', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(benRoom);
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(count(el)).to.equal('2');
  });

  it('shows the total in compact notation, per locale', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(s.host);
    for (let i = 0; i < 12; i++) benRoom.like(100);
    await until(() => count(el) === '1.2K', '1.2K');
    for (let i = 0; i < 108; i++) benRoom.like(100);
    await until(() => count(el) === '12K', '12K');
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(count(el)).to.equal('1.2万');
  });

  it('is tested with its styles minified, as the builds ship them', () => {
    const styles = (customElements.get('vr-like-button') as unknown as { elementStyles: { cssText: string }[] })
      .elementStyles;
    const text = styles.map((s) => s.cssText).join('');
    expect(text).to.include('--_size:var(--vr-like-size');
    expect(/\{\s+\S/.test(text), 'no indentation inside a rule').to.equal(false);
  });

  it('floats aria-hidden hearts, at most 30 alive at once', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(benRoom);
    button(el).click();
    expect(hearts(el, '.mine')).to.equal(1);
    for (let i = 0; i < 60; i++) button(el).click();
    expect(hearts(el)).to.equal(30);
    expect(root(el).querySelector('.hearts')!.getAttribute('aria-hidden')).to.equal('true');
    const styles = [...root(el).querySelectorAll<HTMLElement>('.heart')].map((h) =>
      h.style.getPropertyValue('--_drift'),
    );
    expect(new Set(styles).size, 'random drift').to.be.above(5);
    await el.updateComplete;
    expect(count(el)).to.equal('61');
  });

  it('pulses instead of floating hearts with prefers-reduced-motion', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(benRoom);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(el.motionReduced).to.equal(true);
    button(el).click();
    button(el).click();
    expect(hearts(el)).to.equal(0);
    expect(button(el).classList.contains('pulse')).to.equal(true);
    await until(() => !button(el).classList.contains('pulse'), 'pulse ends');
    await el.updateComplete;
    expect(count(el)).to.equal('2');
  });

  it('pulses instead of floating hearts with the reduced-motion attribute', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(benRoom);
    el.setAttribute('reduced-motion', '');
    await el.updateComplete;
    expect(el.reducedMotion).to.equal(true);
    button(el).click();
    expect(hearts(el)).to.equal(0);
    expect(button(el).classList.contains('pulse')).to.equal(true);
  });

  it('bursts (throttled) when other people like, and tells screen readers', async () => {
    const benRoom = await s.join(ben);
    const cleoRoom = await s.join(cleo);
    const el = await mount(s.host);
    benRoom.like(3);
    s.clock.advance(LIKE_FLUSH_INTERVAL_MS);
    await until(() => hearts(el, '.other') === 3, 'burst of 3');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('3 new likes');
    // A second wave right after: held back until the throttle interval has passed, then shown in one burst.
    cleoRoom.like(20);
    s.clock.advance(LIKE_FLUSH_INTERVAL_MS);
    await until(() => count(el) === '23', 'total 23');
    expect(hearts(el, '.other'), 'throttled').to.equal(3);
    await until(() => hearts(el, '.other') === 9, 'second burst, capped at 6');
    // My own likes are mine, not a burst.
    button(el).click();
    expect(hearts(el, '.mine')).to.equal(1);
  });

  it('counts and sends nothing when vr-like is prevented', async () => {
    const backend = countingBackend(s);
    const benRoom = await s.join(ben, backend);
    const el = await mount(benRoom);
    const seen: VrLikeEvent[] = [];
    el.addEventListener('vr-like', (event) => {
      seen.push(event);
      event.preventDefault();
    });
    button(el).click();
    button(el).click();
    await el.updateComplete;
    expect(seen.length).to.equal(2);
    expect(seen[0]).to.be.instanceOf(VrLikeEvent);
    expect(seen[0]!.detail.taps).to.equal(1);
    expect(count(el)).to.equal('0');
    expect(hearts(el)).to.equal(0);
    s.clock.advance(LIKE_FLUSH_INTERVAL_MS * 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.likeSends).to.equal(0);
    expect(s.server.room(ROOM_ID)!.likes.total).to.equal(0);
  });

  it("counts likes tapped before the hearts' code arrived at once, and floats their hearts when it is there", async () => {
    const backend = countingBackend(s);
    const benRoom = await s.join(ben, backend);
    const hold = holdHearts();
    try {
      const el = await mount(benRoom, { ready: false });
      button(el).click();
      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(count(el), 'counted at once, the keyboard too').to.equal('3');
      expect(hearts(el), 'nothing to draw them with yet').to.equal(0);
      expect(el.shadowRoot!.activeElement, 'focus stays on the button').to.equal(button(el));
      hold.arrive();
      await until(() => hearts(el, '.mine') === 3, 'three hearts rise once it arrived');
      s.clock.advance(LIKE_FLUSH_INTERVAL_MS);
      await until(() => s.server.room(ROOM_ID)!.likes.total === 3, 'all three reach the server');
      button(el).click();
      expect(hearts(el, '.mine'), 'the next like floats at once').to.equal(4);
    } finally {
      hold.restore();
    }
  });

  it("floats no hearts for another room's likes when the hearts' code arrives after a switch", async () => {
    const benRoom = await s.join(ben);
    const cleoRoom = await s.join(cleo);
    const hold = holdHearts();
    try {
      const el = await mount(benRoom, { ready: false });
      button(el).click();
      button(el).click();
      await el.updateComplete;
      expect(hearts(el), 'nothing to draw them with yet').to.equal(0);
      el.room = cleoRoom;
      await el.updateComplete;
      hold.arrive();
      await until(() => el.heartsReady, "the hearts' code");
      await el.updateComplete;
      expect(hearts(el), "the last room's likes float nothing here").to.equal(0);
      button(el).click();
      expect(hearts(el, '.mine'), "this room's like floats at once").to.equal(1);
    } finally {
      hold.restore();
    }
  });

  it("counts likes when the hearts' code failed to arrive; the next like fetches it again and both float", async () => {
    const benRoom = await s.join(ben);
    const hold = holdHearts();
    hold.failing = true;
    hold.held = false;
    try {
      const el = await mount(benRoom, { ready: false });
      button(el).click();
      await until(() => hold.fetches >= 1, 'a fetch');
      await el.updateComplete;
      expect(count(el)).to.equal('1');
      expect(hearts(el)).to.equal(0);
      hold.failing = false;
      const fetches = hold.fetches;
      button(el).click();
      await until(() => hearts(el, '.mine') === 2, "the first like's heart and the second's");
      expect(hold.fetches, 'fetched again by the second like').to.be.above(fetches);
      expect(count(el)).to.equal('2');
    } finally {
      hold.restore();
    }
  });

  it("pulses before the hearts' code arrived with reduced motion, and does not fetch it", async () => {
    const benRoom = await s.join(ben);
    await emulateMedia({ reducedMotion: 'reduce' });
    const hold = holdHearts();
    try {
      const el = await mount(benRoom, { ready: false });
      button(el).click();
      expect(button(el).classList.contains('pulse')).to.equal(true);
      await until(() => !button(el).classList.contains('pulse'), 'pulse ends');
      await el.updateComplete;
      expect(count(el)).to.equal('1');
      // Idle callbacks run in the order they were asked for: once this one runs, the button's prefetch has decided.
      await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 }));
      expect(hold.fetches).to.equal(0);
      expect(hearts(el)).to.equal(0);
    } finally {
      hold.restore();
    }
  });

  it('is disabled until the room is joined', async () => {
    const room = s.client(ben);
    const el = await mount(room);
    expect(button(el).disabled).to.equal(true);
    await room.join();
    await until(() => !button(el).disabled, 'enabled');
  });

  it('is accessible in light and dark', async () => {
    const benRoom = await s.join(ben);
    const el = await mount(benRoom);
    button(el).click();
    await el.updateComplete;
    await expectAccessible(el);
    el.parentElement!.style.background = 'var(--vr-color-bg)';
    el.parentElement!.style.colorScheme = 'dark';
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('unsubscribes and drops its hearts when removed, 100 times over', async () => {
    const benRoom = await s.join(ben);
    const host = document.createElement('div');
    document.body.append(host);
    for (let i = 0; i < 100; i++) {
      const el = document.createElement('vr-like-button');
      el.room = benRoom;
      host.append(el);
      await el.updateComplete;
      if (i % 10 === 0) button(el).click();
      el.remove();
      expect(el.heartCount).to.equal(0);
    }
    host.remove();
    expect(benRoom.observed).to.equal(false);
  });
});
