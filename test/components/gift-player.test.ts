import { expect, fixture, html } from '@open-wc/testing';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { firstValueFrom } from 'rxjs';
import '../../components/index.js';
import { type VrGiftEffectEndEvent, type VrGiftEffectStartEvent, setLocale } from '../../components/index.js';
// Lazy in the components entry (loaded with a room's bars); its own module defines it at once.
import { VrGiftPlayer } from '../../components/gift-player/gift-player.js';
import { cachedSvga, clearSvgaCache, svgaBitmaps } from '../../components/gift-player/svga-loader.js';
import type { Gift, GiftEffect, Room } from '../../src/index.js';
import { beepSeconds } from '../fixtures/svga-prototype-layout.js';
import { PROPERTY_KEYS } from '../property-keys.js';
import { offlineImport, people, until, useScene } from './helpers.js';
import { expectAccessible } from './accessible.js';

const catalog = (await (await fetch('/gifts/catalog.json')).json()) as Gift[];
/** The project's SVGA 1.x fixture (test/fixtures/svga-1x.ts makes it). */
const SVGA_1X = '/test/fixtures/svga-1x.svga';

function opaqueCount(data: Uint8ClampedArray): number {
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 16) count += 1;
  return count;
}

/** A cheap fingerprint of a canvas picture (a sum over every channel, position-weighted). */
function fingerprint(data: Uint8ClampedArray): string {
  let a = 0;
  let b = 0;
  for (let i = 0; i < data.length; i += 1) {
    a = (a + (data[i] ?? 0)) % 65521;
    b = (b + a) % 65521;
  }
  return `${a}:${b}`;
}
const gift = (id: string) => catalog.find((g) => g.giftId === id)!;

function effect(id: string, overrides: Partial<GiftEffect> = {}): GiftEffect {
  const g = gift(id);
  return {
    giftId: g.giftId,
    name: g.name,
    iconUrl: g.iconUrl,
    ...(g.animationUrl ? { animationUrl: g.animationUrl } : {}),
    count: 1,
    senderName: 'Ann',
    receiverName: 'Bo',
    senderId: 'ann',
    receiverId: 'bo',
    ...overrides,
  };
}

const root = (el: VrGiftPlayer) => el.shadowRoot!;
const banners = (el: VrGiftPlayer) => [...root(el).querySelectorAll<HTMLElement>('.banner')];
const liveText = (el: VrGiftPlayer) => root(el).querySelector('[role="status"]')!.textContent!.trim();

/** Lets queued effects start (the player orders one task's effects together) and renders them. */
async function settle(el: VrGiftPlayer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

/** Records start/end events of a player. */
function record(el: VrGiftPlayer) {
  const starts: VrGiftEffectStartEvent['detail'][] = [];
  const ends: VrGiftEffectEndEvent['detail'][] = [];
  el.addEventListener('vr-gift-effect-start', (e) => starts.push(e.detail));
  el.addEventListener('vr-gift-effect-end', (e) => ends.push(e.detail));
  return { starts, ends };
}

async function withCatalog(...rooms: Room[]): Promise<void> {
  for (const room of rooms) await room.loadGifts();
}

async function mount(
  room: Room | undefined,
  attrs: { reduced?: boolean; preload?: boolean; bannerDuration?: number; ready?: boolean } = {},
): Promise<VrGiftPlayer> {
  const wrapper = await fixture<HTMLElement>(html`
    <div style="position: relative; width: 375px; height: 667px;">
      <vr-gift-player
        .room=${room}
        ?reduced-motion=${attrs.reduced ?? false}
        .preload=${attrs.preload ?? false}
        .bannerDuration=${attrs.bannerDuration ?? 3_200}
      ></vr-gift-player>
    </div>
  `);
  const el = wrapper.querySelector('vr-gift-player')!;
  await el.updateComplete;
  // The code that draws effects comes a moment after the player (at once when the page has it already); the tests
  // of what happens before it arrives ask not to wait.
  if (attrs.ready !== false) await until(() => el.status.ready, 'the drawing code');
  return el;
}

/** Resolves in the animation frame where `el` first shows a full-screen effect playing (it is still playing then). */
function playingFrame(el: VrGiftPlayer, patienceMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error('timed out waiting for a playing effect'))), patienceMs);
    const stop = everyFrame(() => {
      if (el.status.stage !== 'playing') return;
      stop();
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Runs `probe` on every animation frame until the returned stop() is called: the player's own cadence, so what is on
 * screen while an effect plays is seen even when a starved machine lets a short effect play through between two
 * polls of until() (issue 17's proof caught one 'finished' before any poll saw it 'playing').
 */
function everyFrame(probe: () => void): () => void {
  let on = true;
  const tick = () => {
    if (!on) return;
    probe();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => (on = false);
}

describe('<vr-gift-player>', () => {
  const s = useScene();
  beforeEach(async () => {
    s.server.setCatalog(catalog);
    await withCatalog(s.host);
  });

  it("plays another client's gift from room.giftEffects$ as a banner and announces it", async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const el = await mount(ben);
    await s.host.sendGift({ giftId: 'rose', count: 1, receiverId: 'ben' });
    await until(() => banners(el).length === 1, 'banner');
    const banner = banners(el)[0]!;
    expect(banner.querySelector('.sender')!.textContent).to.equal('Ava Chen');
    expect(banner.querySelector('.what')!.textContent).to.equal('sent Rose to Ben Ito');
    expect(banner.querySelector('.combo')!.textContent!.trim()).to.equal('×1');
    expect(banner.querySelector<HTMLImageElement>('.gift-icon')!.getAttribute('src')).to.equal('/gifts/rose.svg');
    expect(liveText(el)).to.equal('Ava Chen sent Rose to Ben Ito');
    // The visual layer is hidden from assistive technology; only the live region speaks.
    expect(root(el).querySelector('.lanes')!.getAttribute('aria-hidden')).to.equal('true');
    expect(root(el).querySelector('.stage')!.getAttribute('aria-hidden')).to.equal('true');
    expect(root(el).querySelector('[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('keeps gifts that arrive before its drawing code in the queue, and plays them in full once it is there', async () => {
    const importPart = VrGiftPlayer.importPart;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrGiftPlayer.importPart = () => arrived.then(importPart);
    try {
      const el = await mount(s.host, { reduced: true, ready: false });
      const { starts, ends } = record(el);
      el.play(effect('rocket', { senderId: 'a', senderName: 'A' }));
      el.play(effect('rose', { senderId: 'b', senderName: 'B' }));
      await settle(el);
      expect(el.status).to.include({ queued: 2, banners: 0, stage: 'idle' });
      expect(starts, 'nothing starts before the code is there').to.have.length(0);
      arrive();
      await until(() => starts.length === 2, 'both start once it arrived');
      expect(starts.map((d) => `${d.mode}:${d.effect.giftId}`)).to.deep.equal(['still:rocket', 'banner:rose']);
      expect(root(el).querySelector('.still-card'), 'the still card is drawn').to.exist;
      expect(banners(el)).to.have.length(1);
      expect(liveText(el)).to.not.equal('');
      await until(() => ends.length === 2, 'both end');
      expect(ends.map((d) => d.outcome)).to.deep.equal(['finished', 'finished']);
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  it("keeps a room's gift sent before its drawing code (room.giftEffects$ is hot): it plays once the code is there", async () => {
    const importPart = VrGiftPlayer.importPart;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrGiftPlayer.importPart = () => arrived.then(importPart);
    try {
      const ben = await s.join(people.ben);
      await ben.takeSeat(1);
      const el = await mount(ben, { ready: false });
      const { starts } = record(el);
      // The store emits each gift once, to whoever listens then: the player listens from its connect, not from its
      // code's arrival.
      const shown = firstValueFrom(ben.giftEffects$);
      await s.host.sendGift({ giftId: 'rose', count: 1, receiverId: 'ben' });
      await shown;
      await settle(el);
      expect(el.status).to.include({ queued: 1, ready: false });
      expect(root(el).querySelector('.lanes'), 'nothing drawn before the code').to.equal(null);
      arrive();
      await until(() => banners(el).length === 1, 'the banner, once the code is there');
      expect(starts.map((d) => `${d.mode}:${d.effect.giftId}`)).to.deep.equal(['banner:rose']);
      expect(banners(el)[0]!.querySelector('.what')!.textContent).to.equal('sent Rose to Ben Ito');
      expect(liveText(el)).to.equal('Ava Chen sent Rose to Ben Ito');
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  it('has its live region on the page, empty, before the first effect is announced in it', async () => {
    const el = await mount(s.host);
    expect(root(el).querySelector('[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(liveText(el)).to.equal('');
    const { starts } = record(el);
    const region = root(el).querySelector('[role="status"]');
    el.play(effect('rose'));
    await until(() => starts.length === 1, 'the banner starts');
    await el.updateComplete;
    expect(root(el).querySelector('[role="status"]'), 'the same region speaks').to.equal(region);
    expect(liveText(el)).to.equal('Ann sent Rose to Bo');
  });

  it('has its live region from its first render, before its drawing code, and speaks in it once the code is there', async () => {
    // A screen reader announces a change to a live region it already knows; one created with its text (or a
    // microtask before it) is not announced. The first gift usually arrives before the drawing code: the region must
    // not come with the code, whether the code is on its way, failed once, or arrived.
    const importPart = VrGiftPlayer.importPart;
    let failing = true;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrGiftPlayer.importPart = () =>
      failing ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : arrived.then(importPart);
    try {
      const el = await mount(s.host, { ready: false });
      const region = root(el).querySelector('[role="status"]');
      expect(region, 'a live region before the code').to.not.equal(null);
      expect(region!.getAttribute('aria-live')).to.equal('polite');
      expect(region!.classList.contains('visually-hidden')).to.equal(true);
      expect(getComputedStyle(region!).position, 'hidden from sight, not from speech').to.equal('absolute');
      expect(liveText(el)).to.equal('');
      const { starts } = record(el);
      el.play(effect('rose'));
      await settle(el);
      expect(el.status).to.include({ queued: 1, ready: false });
      expect(root(el).querySelector('[role="status"]'), 'after a failed fetch').to.equal(region);
      failing = false;
      el.play(effect('star', { senderId: 'b', senderName: 'B' }));
      await settle(el);
      expect(root(el).querySelector('[role="status"]'), 'while the code is on its way').to.equal(region);
      arrive();
      await until(() => starts.length === 2, 'both play');
      await el.updateComplete;
      expect(root(el).querySelector('[role="status"]'), 'the same region speaks').to.equal(region);
      expect(root(el).querySelectorAll('[role="status"]')).to.have.length(1);
      expect(liveText(el)).to.match(/^(Ann|B) sent (Rose|Lucky Star) to Bo$/);
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  it('keeps a gift whose drawing code failed to arrive; the next gift fetches it again and both play', async () => {
    const importPart = VrGiftPlayer.importPart;
    const offline = offlineImport(importPart);
    VrGiftPlayer.importPart = offline.import;
    try {
      const el = await mount(s.host, { bannerDuration: 150, ready: false });
      const { starts } = record(el);
      el.play(effect('rose', { senderId: 'a', senderName: 'A' }));
      await until(() => offline.calls >= 1, 'a fetch');
      await settle(el);
      expect(starts, 'nothing to draw it with').to.have.length(0);
      expect(el.status).to.include({ queued: 1, ready: false });
      offline.failing = false;
      el.play(effect('star', { senderId: 'b', senderName: 'B' }));
      await until(() => starts.length === 2, 'both play');
      expect(starts.map((d) => `${d.mode}:${d.effect.giftId}`)).to.deep.equal(['banner:rose', 'banner:star']);
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  // The one gift of a quiet room must not wait for the next gift: the network coming back fetches the code again.
  it('plays a gift whose drawing code failed once the network is back, with no other gift; no fetch loop', async () => {
    const importPart = VrGiftPlayer.importPart;
    const offline = offlineImport(importPart);
    VrGiftPlayer.importPart = offline.import;
    try {
      const el = await mount(s.host, { bannerDuration: 150, ready: false });
      const { starts } = record(el);
      el.play(effect('rose', { senderId: 'a', senderName: 'A' }));
      await until(() => offline.calls >= 1, 'a fetch');
      await settle(el);
      const failed = offline.calls;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(offline.calls, 'a failure alone asks for nothing').to.equal(failed);
      expect(el.status).to.include({ queued: 1, ready: false });
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
      await until(() => offline.calls === failed + 1, 'the next key asks again');
      await settle(el);
      expect(el.status, 'failed again: still waiting').to.include({ queued: 1, ready: false });
      offline.failing = false;
      window.dispatchEvent(new Event('online'));
      await until(() => starts.length === 1, 'the gift plays');
      expect(starts.map((d) => `${d.mode}:${d.effect.giftId}`)).to.deep.equal(['banner:rose']);
      expect(offline.calls).to.equal(failed + 2);
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  it('fetches its drawing code before any gift (when idle, or at once once the page has it)', async () => {
    const importPart = VrGiftPlayer.importPart;
    let fetches = 0;
    VrGiftPlayer.importPart = () => (fetches++, importPart());
    try {
      const el = await mount(s.host, { ready: false });
      await until(() => fetches === 1 && el.status.ready, 'fetched with no gift');
      await until(() => el.status.timers === 0, 'nothing left scheduled');
      const { starts } = record(el);
      el.play(effect('rose'));
      await settle(el);
      expect(starts, 'the first gift starts at once').to.have.length(1);
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  it('merges three quick sends of the same gift into one banner ×3', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const el = await mount(ben);
    const { starts } = record(el);
    for (let i = 0; i < 3; i++) await s.host.sendGift({ giftId: 'rose', count: 1, receiverId: 'ben' });
    await until(() => banners(el)[0]?.querySelector('.combo')?.textContent?.trim() === '×3', 'combo ×3');
    expect(banners(el)).to.have.length(1);
    expect(starts).to.have.length(1);
    expect(el.status.merged).to.equal(2);
    expect(liveText(el)).to.equal('Ava Chen sent Rose ×3 to Ben Ito');
    // A different gift from the same sender is a different combo.
    await s.host.sendGift({ giftId: 'star', count: 10, receiverId: 'ben' });
    await until(() => banners(el).length === 2, 'second banner');
    expect(banners(el)[1]!.querySelector('.combo')!.textContent!.trim()).to.equal('×10');
  });

  it('plays full-screen effects before waiting banners, at most two banners at once, the rest queued', async () => {
    const el = await mount(s.host);
    const { starts } = record(el);
    el.play(effect('rose', { senderId: 'a', senderName: 'A' }));
    el.play(effect('star', { senderId: 'b', senderName: 'B' }));
    el.play(effect('lollipop', { senderId: 'c', senderName: 'C' }));
    el.play(effect('rocket', { senderId: 'd', senderName: 'D' }));
    el.play(effect('crown', { senderId: 'e', senderName: 'E' }));
    await settle(el);
    expect(starts.map((d) => `${d.mode}:${d.effect.giftId}`)).to.deep.equal([
      'fullscreen:rocket',
      'banner:rose',
      'banner:star',
    ]);
    expect(el.status.queued).to.equal(2);
    expect(banners(el)).to.have.length(2);
    el.clear();
    expect(el.status).to.include({ queued: 0, banners: 0, stage: 'idle', timers: 0 });
  });

  it('a banner leaves after its time and the next waiting one takes the lane', async () => {
    const el = await mount(s.host, { bannerDuration: 150 });
    const { starts, ends } = record(el);
    for (const id of ['rose', 'star', 'lollipop']) el.play(effect(id));
    await until(() => ends.length >= 1, 'first banner ended');
    await until(() => starts.length === 3, 'third banner started');
    expect(ends[0]).to.include({ mode: 'banner', outcome: 'finished' });
    await until(() => el.status.banners === 0 && el.status.timers === 0, 'quiet');
  });

  it('plays a generated SVGA effect in svgaplayerweb to onFinished, with a caption and progress', async function () {
    this.timeout(60_000);
    clearSvgaCache();
    const el = await mount(s.host);
    const { starts, ends } = record(el);
    let caption = '';
    let drawn = 0;
    const stop = everyFrame(() => {
      if (ends.length > 0 || el.status.stage !== 'playing') return;
      const text = root(el).querySelector('.caption')?.textContent?.replace(/\s+/g, ' ').trim();
      if (text) caption = text;
      const canvas = root(el).querySelector('canvas');
      if (canvas && canvas.width > 0)
        drawn = Math.max(
          drawn,
          opaqueCount(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data),
        );
    });
    el.play(effect('heart-burst', { count: 2 }));
    await settle(el);
    expect(starts[0]).to.include({ mode: 'fullscreen' });
    expect(['loading', 'playing']).to.include(el.status.stage);
    try {
      await until(() => ends.length === 1, 'onFinished', 30_000);
    } finally {
      stop();
    }
    expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'finished' });
    // While it played: the caption, and pixels on the canvas mid-animation.
    expect(caption).to.equal('Ann sent Love Burst to Bo ×2');
    expect(drawn, 'drawn while playing').to.be.greaterThan(2_000);
    // Parsed in the worker (decoded bitmaps, no base64 images).
    expect(svgaBitmaps(cachedSvga(gift('heart-burst').animationUrl!)!), 'worker-decoded images').to.exist;
    expect(el.status.stage).to.equal('idle');
    expect(el.status.timers).to.equal(0);
  });

  it('preloads the catalog when it comes back to the page after its drawing code arrived off it', async function () {
    this.timeout(60_000);
    clearSvgaCache();
    const importPart = VrGiftPlayer.importPart;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrGiftPlayer.importPart = () => arrived.then(importPart);
    try {
      const el = await mount(s.host, { preload: true, ready: false });
      el.play(effect('rose')); // asks for the part now, whatever the page fetched before
      const wrapper = el.parentElement!;
      el.remove();
      arrive();
      await until(() => el.status.ready, 'the drawing code, off the page');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(el.status.timers, 'nothing scheduled off the page').to.equal(0);
      wrapper.append(el);
      await until(
        () => catalog.every((g) => !g.animationUrl || cachedSvga(g.animationUrl) !== undefined),
        'catalog preloaded once back',
      );
    } finally {
      VrGiftPlayer.importPart = importPart;
    }
  });

  it('starts a preloaded catalog effect at once, without a loading state', async function () {
    this.timeout(60_000);
    clearSvgaCache();
    const el = await mount(s.host, { preload: true });
    await until(
      () => catalog.every((g) => !g.animationUrl || cachedSvga(g.animationUrl) !== undefined),
      'catalog preloaded',
    );
    el.play(effect('fireworks'));
    await settle(el);
    expect(el.status.stage).to.equal('playing');
    el.clear();
  });

  for (const [what, url] of [
    ['a missing file (404)', '/gifts/no-such-effect.svga'],
    ['a file that is not SVGA', '/gifts/rose.svg'],
  ] as const) {
    it(`falls back to a banner when the animation is ${what}`, async () => {
      const el = await mount(s.host);
      const { starts, ends } = record(el);
      el.play(effect('rocket', { animationUrl: url, giftId: `broken-${url}` }));
      await until(() => ends.length === 1, 'load failure');
      expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'failed' });
      await until(() => banners(el).length === 1, 'fallback banner');
      expect(starts.map((d) => d.mode)).to.deep.equal(['fullscreen', 'banner']);
      expect(banners(el)[0]!.querySelector('.what')!.textContent).to.equal('sent Rocket to Bo');
      expect(el.status.stage).to.equal('idle');
    });
  }

  it('plays an SVGA 1.x (zip) effect: frames drawn, and "finished" only after they were', async function () {
    this.timeout(60_000);
    clearSvgaCache();
    const el = await mount(s.host);
    const { ends } = record(el);
    // Different pictures while it plays (the frames move), seen on every animation frame.
    const seen = new Set<string>();
    const stop = everyFrame(() => {
      const canvas = root(el).querySelector('canvas');
      if (!canvas || canvas.width === 0 || ends.length > 0) return;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      if (opaqueCount(data) > 500) seen.add(fingerprint(data));
    });
    el.play(effect('rocket', { animationUrl: SVGA_1X, giftId: 'svga-1x' }));
    try {
      await until(() => ends.length === 1, 'the end', 30_000);
    } finally {
      stop();
    }
    expect(seen.size, 'two different frames drawn before the end').to.be.at.least(2);
    expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'finished' });
    expect(banners(el), 'no fallback banner').to.have.length(0);
  });

  for (const [what, file] of [
    ['images and sprites', 'svga-prototype-images'],
    ['shape-only sprites', 'svga-prototype-shapes'],
  ] as const) {
    it(`plays an effect whose ${what} are keyed __proto__, constructor, toString… to "finished", no banner`, async function () {
      this.timeout(60_000);
      clearSvgaCache();
      const el = await mount(s.host);
      const { ends } = record(el);
      let drawn = 0;
      const stop = everyFrame(() => {
        const canvas = root(el).querySelector('canvas');
        if (ends.length > 0 || !canvas || canvas.width === 0) return;
        drawn = Math.max(
          drawn,
          opaqueCount(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data),
        );
      });
      el.play(effect('rocket', { animationUrl: `/test/fixtures/${file}.svga`, giftId: file }));
      try {
        await until(() => ends.length === 1, 'the end', 30_000);
      } finally {
        stop();
      }
      expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'finished' });
      expect(banners(el), 'no fallback banner').to.have.length(0);
      // Seven 24-px pictures, fitted to the stage: what they cover, and (pixel-exact) nothing more, is
      // test/components/gift-player-worker.test.ts's to check.
      expect(drawn, 'drawn while playing').to.be.greaterThan(7 * 300);
    });
  }

  describe("an effect's sound track (Web Audio; svgaplayerweb alone would need a Howl global)", () => {
    const SVGA_AUDIO = '/test/fixtures/svga-audio.svga';
    let starts: { duration: number; when: number; offset: number }[];
    let realStart: AudioBufferSourceNode['start'];
    beforeEach(() => {
      starts = [];
      realStart = AudioBufferSourceNode.prototype.start;
      AudioBufferSourceNode.prototype.start = function (
        this: AudioBufferSourceNode,
        when = 0,
        offset = 0,
        duration?: number,
      ) {
        starts.push({ duration: this.buffer?.duration ?? 0, when: when - this.context.currentTime, offset });
        return duration === undefined
          ? realStart.call(this, when, offset)
          : realStart.call(this, when, offset, duration);
      };
    });
    afterEach(() => {
      AudioBufferSourceNode.prototype.start = realStart;
    });

    /** Plays `url` on a fresh player to its end: how it ended and the most sounds playing at once meanwhile. */
    async function playWithSound(url: string, giftId: string) {
      clearSvgaCache();
      const el = await mount(s.host);
      const { ends } = record(el);
      let soundsWhilePlaying = 0;
      const stop = everyFrame(() => {
        if (ends.length === 0 && el.status.stage === 'playing')
          soundsWhilePlaying = Math.max(soundsWhilePlaying, el.status.sounds);
      });
      el.play(effect('rocket', { animationUrl: url, giftId }));
      try {
        await until(() => ends.length === 1, 'the end', 30_000);
      } finally {
        stop();
      }
      return { el, ends, soundsWhilePlaying };
    }

    it('plays with the animation, from its start frame, and stops with it', async function () {
      this.timeout(60_000);
      const { el, ends, soundsWhilePlaying } = await playWithSound(SVGA_AUDIO, 'with-sound');
      expect(ends[0]).to.include({ outcome: 'finished' });
      expect(starts, 'one sound started').to.have.length(1);
      expect(starts[0]!.duration, 'the 0.4 s beep from the file').to.be.closeTo(0.4, 0.01);
      // Frame 3 of 30 fps: 0.1 s after the animation started (read against the audio clock when it was scheduled).
      expect(starts[0]!.when).to.be.within(0, 0.1 + 1e-6);
      expect(soundsWhilePlaying, 'its sound playing with it').to.equal(1);
      expect(el.status.sounds, 'and stopped with it').to.equal(0);
    });

    it('plays every track keyed __proto__, constructor, toString…; tracks naming no sound stay silent, the rest play', async function () {
      this.timeout(60_000);
      const { el, ends, soundsWhilePlaying } = await playWithSound(
        '/test/fixtures/svga-prototype-sounds.svga',
        'prototype-sounds',
      );
      expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'finished' });
      expect(banners(el), 'no fallback banner').to.have.length(0);
      // One beep per key, each its own length (a track keyed `constructor` was dropped, and one naming
      // `isPrototypeOf`, which the file does not have, "played" Object.prototype's function and silenced them all).
      expect(starts.map((start) => start.duration.toFixed(3)).sort()).to.deep.equal(
        PROPERTY_KEYS.map((_, i) => beepSeconds(i).toFixed(3)).sort(),
      );
      expect(soundsWhilePlaying, 'sounding together').to.be.greaterThan(0);
      expect(el.status.sounds, 'and stopped with it').to.equal(0);
    });

    it('plays silently when the browser disallows audio without a gesture', async function () {
      this.timeout(60_000);
      const nav = navigator as Navigator & { getAutoplayPolicy?: unknown };
      const had = Object.getOwnPropertyDescriptor(nav, 'getAutoplayPolicy');
      Object.defineProperty(nav, 'getAutoplayPolicy', { configurable: true, value: () => 'disallowed' });
      try {
        const el = await mount(s.host);
        const { ends } = record(el);
        el.play(effect('rocket', { animationUrl: SVGA_AUDIO, giftId: 'with-sound-blocked' }));
        await until(() => ends.length === 1, 'the end', 30_000);
        expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'finished' });
        expect(starts).to.deep.equal([]);
      } finally {
        if (had) Object.defineProperty(nav, 'getAutoplayPolicy', had);
        else delete nav.getAutoplayPolicy;
      }
    });
  });

  describe('a broken SVGA 1.x file fails at once (a banner, never "finished")', () => {
    const cases: [string, (files: Record<string, Uint8Array>) => void][] = [
      ['movie.spec is not JSON', (files) => void (files['movie.spec'] = strToU8('{"movie": {'))],
      [
        'it has zero frames',
        (files) => {
          const spec = JSON.parse(strFromU8(files['movie.spec']!)) as { movie: { frames: number } };
          spec.movie.frames = 0;
          files['movie.spec'] = strToU8(JSON.stringify(spec));
        },
      ],
      ['an image is missing from the archive', (files) => void delete files['ball.png']],
      ['an image is not a decodable PNG', (files) => void (files['ball.png'] = files['ball.png']!.slice(0, 40))],
    ];
    for (const [what, breakIt] of cases) {
      it(what, async function () {
        this.timeout(60_000);
        const files = unzipSync(new Uint8Array(await (await fetch(SVGA_1X)).arrayBuffer()));
        breakIt(files);
        const url = URL.createObjectURL(new Blob([zipSync(files) as BlobPart]));
        const el = await mount(s.host);
        // The load timeout would also end in 'failed': it is out of reach, so the verdict is the decoder's.
        el.loadTimeout = 600_000;
        const { starts, ends } = record(el);
        try {
          el.play(effect('rocket', { animationUrl: url, giftId: `broken-1x-${what}` }));
          await until(() => ends.length === 1, 'the verdict');
          expect(ends[0]).to.include({ mode: 'fullscreen', outcome: 'failed' });
          await until(() => banners(el).length === 1, 'fallback banner');
          expect(starts.map((d) => d.mode)).to.deep.equal(['fullscreen', 'banner']);
        } finally {
          URL.revokeObjectURL(url);
        }
      });
    }
  });

  it('shows a still card instead of an animation with reduced motion, and loads no player', async () => {
    const el = await mount(s.host, { reduced: true });
    expect(el.motionReduced).to.equal(true);
    const { starts } = record(el);
    el.play(effect('rocket', { count: 3 }));
    await settle(el);
    expect(starts[0]).to.include({ mode: 'still' });
    const card = root(el).querySelector('.still-card')!;
    expect(card).to.exist;
    expect(card.querySelector('.still-text')!.textContent).to.equal('Ann sent Rocket ×3 to Bo');
    expect(root(el).querySelector('canvas')).to.equal(null);
    expect(el.status.player).to.equal(false);
    el.play(effect('rose'));
    await settle(el);
    const banner = banners(el)[0]!;
    expect(banner.classList.contains('still')).to.equal(true);
    expect(getComputedStyle(banner).animationName).to.equal('none');
  });

  // Timing (long tasks, frame time) under a storm is measured by `npm run bench gifts`, not asserted here: these
  // machines are shared and a timed unit test would only measure the neighbours.
  it('caps a storm of 500 effects: bounded DOM and queue', async function () {
    this.timeout(60_000);
    const el = await mount(s.host, { reduced: false });
    const ids = catalog.map((g) => g.giftId);
    for (let i = 0; i < 500; i++) {
      const id = ids[i % ids.length]!;
      // Every fifth effect repeats a running combo; the rest come from distinct senders.
      el.play(
        effect(
          id,
          i % 5 === 0 ? { senderId: 'fan', senderName: 'Fan' } : { senderId: `u${i}`, senderName: `User ${i}` },
        ),
      );
    }
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const nodes = root(el).querySelectorAll('*').length;
    expect(el.status.queued).to.be.at.most(el.maxQueue);
    expect(el.status.banners).to.be.at.most(el.maxBanners);
    expect(el.status.dropped + el.status.merged).to.be.at.least(500 - el.maxQueue - el.maxBanners - 1);
    expect(nodes, 'shadow DOM nodes').to.be.below(60);
    el.clear();
  });

  it('cleans up on disconnect: no timers, the player stopped, cleared and released, the canvas gone', async function () {
    this.timeout(60_000);
    const el = await mount(s.host);
    el.play(effect('rocket'));
    el.play(effect('rose'));
    await playingFrame(el);
    const player = (el as unknown as { player: { stopAnimation(clear?: boolean): void; clear(): void } }).player;
    const calls: string[] = [];
    const { stopAnimation, clear } = player;
    player.stopAnimation = (c) => (calls.push('stop'), stopAnimation.call(player, c));
    player.clear = () => (calls.push('clear'), clear.call(player));
    const canvas = root(el).querySelector('canvas')!;
    el.remove();
    expect(calls).to.include.members(['stop', 'clear']);
    expect(el.status).to.include({ timers: 0, queued: 0, banners: 0, stage: 'idle', player: false });
    expect(canvas.isConnected).to.equal(false);
    expect(canvas.width).to.equal(0);
    // No animation frame keeps drawing after removal.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(el.status.timers).to.equal(0);
    // Gifts sent after removal play nowhere.
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    await s.host.sendGift({ giftId: 'rose', count: 1, receiverId: 'ben' });
    expect(el.status.banners).to.equal(0);
  });

  it('is accessible while banners and a still card play', async () => {
    const el = await mount(s.host, { reduced: true });
    el.play(effect('rose'));
    el.play(effect('crown', { senderId: 'z', senderName: 'Zed' }));
    await settle(el);
    await expectAccessible(el);
  });

  it('announces in zh-CN', async () => {
    await setLocale('zh-CN');
    const el = await mount(s.host, { reduced: true });
    el.play(effect('rose', { count: 3 }));
    await settle(el);
    expect(liveText(el)).to.equal('Ann送给BoRose×3');
    setLocale('en');
  });

  it('leaks nothing: mounted and removed 100 times, the room is no longer observed', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div style="position: relative; width: 300px; height: 300px"></div>`,
    );
    for (let i = 0; i < 100; i++) {
      const el = document.createElement('vr-gift-player');
      el.room = s.host;
      wrapper.append(el);
      await el.updateComplete;
      el.play(effect('rose', { senderId: `s${i}` }));
      el.remove();
    }
    expect(s.host.observed).to.equal(false);
  });
});
