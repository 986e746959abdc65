import { expect, fixture, html } from '@open-wc/testing';
import type { VrGiftEffectStartEvent, VrRoom } from '../../components/index.js';
import { filter, firstValueFrom } from 'rxjs';
import { lazyElements } from '../../components/base/lazy-elements.js';
import { people, plainGifts, until, useScene } from './helpers.js';

// The elements of a room's live view (live info, audience, like, barrage, gift player) are lazy in the components
// entry: a room asks for them the moment it is on the page, so they load while it joins, and holds their places
// while they are on their way.
const LIVE_ELEMENTS = ['vr-live-info', 'vr-audience-list', 'vr-like-button', 'vr-barrage', 'vr-gift-player'] as const;
const modules: Record<(typeof LIVE_ELEMENTS)[number], () => Promise<unknown>> = {
  'vr-live-info': () => import('../../components/live-info/live-info.js'),
  'vr-audience-list': () => import('../../components/audience-list/audience-list.js'),
  'vr-like-button': () => import('../../components/like-button/like-button.js'),
  'vr-barrage': () => import('../../components/barrage/barrage.js'),
  'vr-gift-player': () => import('../../components/gift-player/gift-player.js'),
};
const asked: string[] = [];
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => (release = resolve));
// In place of the entry's loaders, before anything could run them (the idle load waits for the page's load event):
// each records that it was asked, and the elements come only once the test releases them.
lazyElements(
  Object.fromEntries(
    LIVE_ELEMENTS.map((tag) => [tag, () => (asked.push(tag), released.then(() => modules[tag]()))] as const),
  ),
);
const definedAtImport = LIVE_ELEMENTS.filter((tag) => customElements.get(tag) !== undefined);

const box = (el: Element) => {
  const { x, y, width, height } = el.getBoundingClientRect();
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
};

describe("<vr-room>'s live view elements", () => {
  const s = useScene({ catalog: plainGifts, initialBalance: 100 });

  it('are asked for the moment a room is on the page, before it has a room to show', async () => {
    expect(definedAtImport, 'not defined by importing the entry').to.deep.equal([]);
    const el = document.createElement('vr-room') as VrRoom;
    document.body.append(el);
    try {
      // In the same task as the append: not after the room shows its live view, nor at the idle load of every lazy tag.
      expect([...asked].sort()).to.deep.equal([...LIVE_ELEMENTS].sort());
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.skeleton'), 'still joining').to.not.equal(null);
    } finally {
      el.remove();
    }
  });

  it('hold their places while on their way; the like button, the audience and the barrage come where they were', async () => {
    const ben = await s.join(people.ben);
    const el = await fixture<VrRoom>(html`<vr-room .room=${ben} style="width:390px;height:760px"></vr-room>`);
    const $ = (selector: string) => el.shadowRoot!.querySelector(selector)!;
    await until(() => el.phase === 'live' && el.shadowRoot!.querySelector('.header vr-live-info') !== null, 'live');
    const likeBefore = box($('.like'));
    const audienceBefore = box($('vr-audience-list'));
    expect(likeBefore.width, 'the like button’s place').to.equal(56);
    expect(likeBefore.height).to.equal(56);
    expect(audienceBefore.height, 'the audience’s place').to.equal(38);
    // The live info's summary pill (its owner's pill, below it on a phone, depends on the room).
    expect(box($('vr-live-info')).height, 'the live info’s place').to.equal(54);
    const barrageBefore = box($('vr-barrage'));
    expect(barrageBefore.height, 'the barrage’s place: the stage below the seats').to.be.greaterThan(120);
    // A gift while the player is on its way: the store holds its effect for the player to come.
    const starts: VrGiftEffectStartEvent['detail'][] = [];
    el.shadowRoot!.addEventListener('vr-gift-effect-start', (e) => starts.push((e as VrGiftEffectStartEvent).detail));
    const received = firstValueFrom(ben.events$.pipe(filter((e) => e.type === 'gift.received')));
    await s.host.sendGift({ giftId: 'rose', count: 1, receiverId: 'ben' });
    await received;

    release();
    await until(() => LIVE_ELEMENTS.every((tag) => customElements.get(tag) !== undefined), 'the elements defined');
    await until(() => $('.like').shadowRoot?.querySelector('button') != null, 'the like button drawn');
    await until(() => $('vr-audience-list').shadowRoot?.querySelector('[part~="base"]') != null, 'the audience drawn');
    const likeAfter = box($('.like'));
    expect(
      { x: likeAfter.x, y: likeAfter.y, width: likeAfter.width },
      'the like button where its place was',
    ).to.deep.equal({
      x: likeBefore.x,
      y: likeBefore.y,
      width: likeBefore.width,
    });
    const audienceAfter = box($('vr-audience-list'));
    expect({ y: audienceAfter.y, height: audienceAfter.height }).to.deep.equal({
      y: audienceBefore.y,
      height: audienceBefore.height,
    });
    await until(() => $('vr-barrage').shadowRoot?.querySelector('.composer') != null, 'the barrage drawn');
    // Its bottom, where the composer is: the top moves with the live info, which may gain its owner's row.
    const barrageAfter = box($('vr-barrage'));
    expect(
      { x: barrageAfter.x, width: barrageAfter.width, bottom: barrageAfter.y + barrageAfter.height },
      'the barrage where its place was',
    ).to.deep.equal({ x: barrageBefore.x, width: barrageBefore.width, bottom: barrageBefore.y + barrageBefore.height });
    // The gift that came first plays once its player is there.
    await until(() => starts.length > 0, 'the gift plays');
    expect(starts.map((start) => start.effect.name)).to.deep.equal(['Rose']);
  });
});
