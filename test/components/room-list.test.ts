import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
// The element is lazy in the components entry (loaded on first sight); its own module defines it at once.
import '../../components/room-list/room-list.js';
import { type VrRoomList, setLocale } from '../../components/index.js';
import { createMemoryBackend, createMemoryServer, type MemoryServer } from '../../src/backends/memory/index.js';
import { type RoomBackend, createRoom, createRoomDirectory } from '../../src/index.js';
import { flakyRoomList, openRooms } from '../doubles/room-list.js';
import { gatedBackend, until, expectNoSubscriptionLeft } from './helpers.js';
import { expectAccessible } from './accessible.js';

const visitor = { userId: 'visitor', userName: 'Visitor', avatarUrl: '' };
const $ = <T extends Element = HTMLElement>(el: VrRoomList, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mountList(props: Partial<VrRoomList>): Promise<VrRoomList> {
  const el = document.createElement('vr-room-list');
  Object.assign(el, props);
  el.style.width = '390px';
  return fixture(el);
}

describe('<vr-room-list>', () => {
  let server: MemoryServer;
  beforeEach(() => {
    setLocale('en');
    server = createMemoryServer();
  });
  afterEach(() => server.stop());

  it('pages through 45 rooms by cursor: 20, 40, 45, then says it has seen them all', async function () {
    // Heavy (many mounts or pages): its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    await openRooms(server, 45);
    const el = await mountList({ backend: createMemoryBackend({ server }), user: visitor });
    await until(() => el.cards.length === 20, 'first page');
    // Room 4: its host and 4 listeners; the host is not counted as listening.
    expect(text(el.cards[0]!.querySelector('.viewers'))).to.equal('4 listening');
    expect(text(el.cards[0]!.querySelector('.name'))).to.equal('Room 4');
    expect(text(el.cards[0]!.querySelector('.owner'))).to.contain('Owner 4');
    $(el, 'button.more')!.click();
    await until(() => el.cards.length === 40, 'second page');
    $(el, 'button.more')!.click();
    await until(() => el.cards.length === 45, 'third page');
    expect($(el, 'button.more')).to.equal(null);
    expect(text($(el, '.end'))).to.equal('You have seen every live room');
    expect(new Set(el.cards.map((c) => c.dataset['roomId'])).size).to.equal(45);
  });

  it('shows skeletons while the first page loads, and a gradient cover with initials when a room has none', async () => {
    await openRooms(server, 2);
    const gated = gatedBackend(server);
    await gated.connect(visitor);
    gated.hold();
    const el = await mountList({ backend: gated, user: visitor });
    await until(() => $(el, '.list.skeleton') !== null, 'skeletons');
    expect($(el, '.base')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading rooms…');
    gated.release();
    await until(() => el.cards.length === 2, 'rooms');
    expect($(el, '.list.skeleton')).to.equal(null);
    const cover = el.cards[0]!.querySelector<HTMLElement>('.cover')!;
    expect(getComputedStyle(cover).backgroundImage).to.contain('gradient');
    expect(text(cover.querySelector('.cover-initials'))).to.equal('R1');
  });

  it('formats viewer counts with Intl in the current locale', async () => {
    // A server with a big room answers like this (the memory server has no 12,345-member rooms to spare).
    const inner = createMemoryBackend({ server });
    const big: RoomBackend = {
      kind: 'stub',
      events$: inner.events$,
      connect: (user) => inner.connect(user),
      close: () => inner.close(),
      send: (async () => ({
        result: {
          rooms: [{ roomId: 'big', name: 'Big room', coverUrl: '', owner: visitor, viewers: 12_345, createdAt: 0 }],
          next: '',
        },
      })) as unknown as RoomBackend['send'],
    };
    const el = await mountList({ backend: big, user: visitor });
    await until(() => el.cards.length === 1, 'the big room');
    expect(text(el.cards[0]!.querySelector('.viewers'))).to.equal('12.3K listening');
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(text(el.cards[0]!.querySelector('.viewers'))).to.equal('1.2万 人在听');
    setLocale('en');
  });

  it('shows an empty state with a refresh that finds rooms opened since', async () => {
    const el = await mountList({ backend: createMemoryBackend({ server }), user: visitor });
    await until(() => $(el, '[data-state="empty"]') !== null, 'empty state');
    expect(text($(el, '[data-state="empty"] .state-title'))).to.equal('No live rooms right now');
    await openRooms(server, 3);
    $(el, '[data-state="empty"] button')!.click();
    await until(() => el.cards.length === 3, 'rooms after refresh');
    const late = createRoom({
      backend: createMemoryBackend({ server }),
      roomId: 'late',
      user: { userId: 'late', userName: 'Late', avatarUrl: '' },
    });
    await late.start({ roomName: 'Late show' });
    $(el, 'button.refresh')!.click();
    await until(() => el.cards.length === 4, 'the header refresh');
  });

  it('shows errors with a retry, for the first page and for a further page', async () => {
    await openRooms(server, 25);
    const backend = flakyRoomList(server);
    backend.failing = true;
    const el = await mountList({ backend, user: visitor });
    await until(() => $(el, '[data-state="error"]') !== null, 'error state');
    const error = $(el, '[data-state="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error.querySelector('.state-title'))).to.equal('Could not load rooms');
    backend.failing = false;
    $(el, '[data-action="retry"]')!.click();
    await until(() => el.cards.length === 20, 'recovered');
    backend.failing = true;
    $(el, 'button.more')!.click();
    await until(() => $(el, '.inline-error') !== null, 'inline error under the loaded cards');
    expect(el.cards).to.have.length(20);
    backend.failing = false;
    $(el, '.inline-error [data-action="retry"]')!.click();
    await until(() => el.cards.length === 25, 'the rest');
  });

  it('updates by itself while visible: an ended room leaves, a new one appears; paused while the tab is hidden', async () => {
    const start = async (roomId: string, name: string) => {
      const owner = createRoom({
        backend: createMemoryBackend({ server }),
        roomId,
        user: { userId: `o-${roomId}`, userName: 'O', avatarUrl: '' },
      });
      await owner.start({ roomName: name });
      return owner;
    };
    const first = await start('first', 'First');
    await start('second', 'Second');
    const el = await mountList({ backend: createMemoryBackend({ server }), user: visitor, poll: 1 });
    const names = () =>
      el.cards
        .map((c) => text(c.querySelector('.name')))
        .sort()
        .join(',');
    await until(() => names() === 'First,Second', 'both rooms');
    await first.end();
    await start('third', 'Third');
    await until(() => names() === 'Second,Third', 'the ended room gone and the new one listed, without Refresh');
    expect($(el, '.list.skeleton'), 'no skeleton for a background update').to.equal(null);

    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await start('fourth', 'Fourth');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(names(), 'no polling while hidden').to.equal('Second,Third');
    } finally {
      Object.defineProperty(document, 'visibilityState', visibility);
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => names() === 'Fourth,Second,Third', 'caught up once visible again');
  });

  it('emits vr-room-select when a card is clicked', async () => {
    await openRooms(server, 3);
    const el = await mountList({ backend: createMemoryBackend({ server }), user: visitor });
    await until(() => el.cards.length === 3, 'rooms');
    const selected = oneEvent(el, 'vr-room-select');
    el.cards[1]!.click();
    const event = await selected;
    expect(event.detail.roomId).to.equal(el.rooms[1]!.roomId);
    expect(event.cancelable).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it('is operable by keyboard: Tab reaches the cards and Enter selects', async () => {
    await openRooms(server, 3);
    const before = document.createElement('button');
    before.textContent = 'before';
    const el = await mountList({ backend: createMemoryBackend({ server }), user: visitor });
    el.before(before);
    await until(() => el.cards.length === 3, 'rooms');
    before.focus();
    await sendKeys({ press: 'Tab' }); // refresh button
    expect(el.shadowRoot!.activeElement?.classList.contains('refresh')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(el.cards[1]);
    const selected = oneEvent(el, 'vr-room-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.roomId).to.equal(el.rooms[1]!.roomId);
    before.remove();
  });

  it('loads the next page when the end scrolls into view with `infinite`', async () => {
    await openRooms(server, 45);
    const scroller = await fixture<HTMLDivElement>(html`<div style="height:400px;overflow:auto;width:390px"></div>`);
    const el = document.createElement('vr-room-list');
    Object.assign(el, { backend: createMemoryBackend({ server }), user: visitor, infinite: true });
    scroller.append(el);
    await until(() => el.cards.length === 20, 'first page');
    expect(el.cards.length).to.equal(20);
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => el.cards.length === 40, 'second page by scrolling');
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => el.cards.length === 45, 'third page by scrolling');
  });

  it('is accessible with rooms, empty, and in error', async () => {
    await openRooms(server, 3);
    const el = await mountList({ backend: createMemoryBackend({ server }), user: visitor });
    await until(() => el.cards.length === 3, 'rooms');
    await expectAccessible(el);
    const empty = await mountList({ backend: createMemoryBackend({ server: createMemoryServer() }), user: visitor });
    await until(() => $(empty, '[data-state="empty"]') !== null, 'empty');
    await expectAccessible(empty);
    const backend = flakyRoomList(server);
    backend.failing = true;
    const failed = await mountList({ backend, user: visitor });
    await until(() => $(failed, '[data-state="error"]') !== null, 'error');
    await expectAccessible(failed);
  });

  it('leaves nothing subscribed after 100 mounts and removals', async function () {
    // 100 mounts: its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    await openRooms(server, 2);
    const directory = createRoomDirectory({ backend: createMemoryBackend({ server }), user: visitor });
    await directory.refresh();
    await expectNoSubscriptionLeft(directory, () => mountList({ directory }));
  });
});
