import { expect, fixture, html } from '@open-wc/testing';
import { type VrRoom } from '../../components/index.js';
import { lazyElements } from '../../components/base/lazy-elements.js';
import { people, until, useScene } from './helpers.js';

// The bars' elements (live info, audience, like) are lazy in the components entry: a room asks for them the moment
// it is on the page, so they load while it joins, and holds their places while they are on their way.
const BAR_ELEMENTS = ['vr-live-info', 'vr-audience-list', 'vr-like-button'] as const;
const asked: string[] = [];
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => (release = resolve));
// In place of the entry's loaders, before anything could run them (the idle load waits for the page's load event):
// each records that it was asked, and the elements come only once the test releases them.
lazyElements({
  'vr-live-info': () => (
    asked.push('vr-live-info'),
    released.then(() => import('../../components/live-info/live-info.js'))
  ),
  'vr-audience-list': () => (
    asked.push('vr-audience-list'),
    released.then(() => import('../../components/audience-list/audience-list.js'))
  ),
  'vr-like-button': () => (
    asked.push('vr-like-button'),
    released.then(() => import('../../components/like-button/like-button.js'))
  ),
});
const definedAtImport = BAR_ELEMENTS.filter((tag) => customElements.get(tag) !== undefined);

const box = (el: Element) => {
  const { x, y, width, height } = el.getBoundingClientRect();
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
};

describe("<vr-room>'s bar elements", () => {
  const s = useScene();

  it('are asked for the moment a room is on the page, before it has a room to show', async () => {
    expect(definedAtImport, 'not defined by importing the entry').to.deep.equal([]);
    const el = document.createElement('vr-room') as VrRoom;
    document.body.append(el);
    try {
      // In the same task as the append: not after the room shows its bars, nor at the idle load of every lazy tag.
      expect([...asked].sort()).to.deep.equal([...BAR_ELEMENTS].sort());
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.skeleton'), 'still joining').to.not.equal(null);
    } finally {
      el.remove();
    }
  });

  it('hold their places while on their way; the like button and the audience come where their places were', async () => {
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

    release();
    await until(() => BAR_ELEMENTS.every((tag) => customElements.get(tag) !== undefined), 'the elements defined');
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
  });
});
