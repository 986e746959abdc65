// Issue 12 §6: names and messages render isolated. A right-to-left name, or one carrying an override that got
// past the rules (a product's own gift effect), must not reorder the text that follows it: each name sits in a
// <bdi> (or an element whose computed unicode-bidi isolates), and a measured line keeps its words in order.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
// Lazy in the components entry (loaded on first sight); its own module defines it at once.
import '../../components/live-info/live-info.js';
import '../../components/barrage/barrage.js';
import '../../components/gift-player/gift-player.js';
import { type VrBarrage, type VrGiftPlayer, type VrLiveInfo, type VrSeatGrid } from '../../components/index.js';
import { until, useScene } from './helpers.js';

/** A Hebrew name that ends in digits: the classic case that drags neighbouring numbers and words along. */
const RTL_NAME = 'דנה 2';
const dana = { userId: 'dana', userName: RTL_NAME, avatarUrl: '' };

/** The text node holding exactly `text` under `root` (shadow roots included), or null. */
function textNode(root: Node, text: string): Text | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent === text) return node as Text;
  for (const el of root instanceof Element || root instanceof ShadowRoot || root instanceof DocumentFragment
    ? root.querySelectorAll('*')
    : []) {
    if (el.shadowRoot) {
      const found = textNode(el.shadowRoot, text);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Whether the node sits in a bidi isolate of its own: the nearest <bdi> or element whose computed unicode-bidi
 * isolates holds this text and nothing else. (A <button> is an isolate by the UA style sheet, but the seat
 * number and the name inside one still mix.)
 */
function isolated(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) {
    const bidi = getComputedStyle(el).unicodeBidi;
    if (el.localName === 'bdi' || bidi === 'isolate' || bidi === 'isolate-override' || bidi === 'plaintext') {
      return el.textContent!.trim() === node.textContent!.trim();
    }
  }
  return false;
}

function expectIsolated(root: Node, text: string, where: string): void {
  const node = textNode(root, text);
  expect(node, `${where}: "${text}" is rendered`).to.not.equal(null);
  expect(isolated(node!), `${where}: "${text}" is isolated`).to.equal(true);
}

/** Left edges of each character of `word` inside `node` (whose text contains it once). */
function charLefts(node: Text, word: string): number[] {
  const start = node.data.indexOf(word);
  expect(start, `"${word}" in "${node.data}"`).to.be.greaterThan(-1);
  return [...word].map((_, i) => {
    const range = document.createRange();
    range.setStart(node, start + i);
    range.setEnd(node, start + i + 1);
    return range.getBoundingClientRect().left;
  });
}

describe('names and messages render isolated', () => {
  const s = useScene();

  it('seat labels, barrage names and messages, and the room name are isolates', async () => {
    await s.host.updateInfo({ name: 'שיחת לילה 24' });
    const guest = await s.join(dana);
    await guest.takeSeat(2);
    await guest.sendBarrage('שלום 123');
    const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: 420px">
      <vr-live-info .room=${s.host}></vr-live-info>
      <vr-seat-grid .room=${s.host}></vr-seat-grid>
      <vr-barrage .room=${s.host}></vr-barrage>
    </div>`);
    const grid = wrapper.querySelector<VrSeatGrid>('vr-seat-grid')!;
    const barrage = wrapper.querySelector<VrBarrage>('vr-barrage')!;
    const info = wrapper.querySelector<VrLiveInfo>('vr-live-info')!;
    await until(
      () => grid.seatElements.some((seat) => textNode(seat.shadowRoot!, RTL_NAME) !== null),
      'the seat shows the name',
    );
    await until(() => textNode(barrage.shadowRoot!, 'שלום 123') !== null, 'the message is shown');
    await until(() => textNode(info.shadowRoot!, 'שיחת לילה 24') !== null, 'the room name is shown');
    const seat = grid.seatElements.find((el) => textNode(el.shadowRoot!, RTL_NAME) !== null)!;
    expectIsolated(seat.shadowRoot!, RTL_NAME, 'seat label');
    expectIsolated(barrage.shadowRoot!, RTL_NAME, 'barrage name');
    expectIsolated(barrage.shadowRoot!, 'שלום 123', 'barrage message');
    expectIsolated(info.shadowRoot!, 'שיחת לילה 24', 'live info room name');
    // A notice ("… left seat 3") names her inside a sentence: the name is isolated there too.
    await guest.leaveSeat();
    await until(
      () => [...barrage.shadowRoot!.querySelectorAll('li.notice bdi')].some((b) => b.textContent === RTL_NAME),
      'an isolated name in a notice',
    );
  });

  it('a sender name with an RTL override does not spill into the sentence after it', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="position: relative; width: 375px; height: 667px">
      <vr-gift-player .room=${s.host} reduced-motion></vr-gift-player>
    </div>`);
    const el = wrapper.querySelector<VrGiftPlayer>('vr-gift-player')!;
    await el.updateComplete;
    // play() takes a product's own effects as they are: the rules never saw this name.
    el.play({
      name: 'Rocket',
      count: 1,
      senderName: '\u202Eevil',
      receiverName: 'Bo',
      animationUrl: '/gifts/none.svga',
    });
    await until(() => el.shadowRoot!.querySelector('.still-text') !== null, 'the still card');
    const sentence = el.shadowRoot!.querySelector('.still-text')!;
    expectIsolated(sentence, '\u202Eevil', 'still card sender');
    const after = [...sentence.childNodes].find(
      (n): n is Text => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('sent'),
    );
    expect(after, 'the words after the name').to.not.equal(undefined);
    const lefts = charLefts(after!, 'sent');
    // Left to right, as written: an override that spilled would lay these letters out right to left.
    for (let i = 1; i < lefts.length; i++) expect(lefts[i]!, `"sent" letter ${i}`).to.be.greaterThan(lefts[i - 1]!);
  });
});
