import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import '../../components/index.js';
import { VrSeat, type VrSeatGrid, roomContext } from '../../components/index.js';
import { ErrorCode, type Room, errorMessage } from '../../src/index.js';
import { people, scene, until, useScene, expectNoSubscriptionLeft } from './helpers.js';
import { expectAccessible } from './accessible.js';

/** Stands in for <vr-room> (a later element): provides a room to its descendants through the context. */
class TestRoomProvider extends LitElement {
  readonly provider = new ContextProvider(this, { context: roomContext });
  set room(room: Room | undefined) {
    this.provider.setValue(room);
  }
  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('test-room-provider', TestRoomProvider);

const seatButton = (seat: VrSeat) => seat.shadowRoot!.querySelector<HTMLButtonElement>('button.seat')!;
const labels = (grid: VrSeatGrid) => grid.seatElements.map((seat) => seatButton(seat).getAttribute('aria-label'));
const seatAt = (grid: VrSeatGrid, index: number) => grid.seatElements.find((seat) => seat.index === index)!;
/** The element that has focus, looking through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function mountGrid(room: Room, attrs: Partial<VrSeatGrid> = {}): Promise<VrSeatGrid> {
  const el = document.createElement('vr-seat-grid');
  Object.assign(el, { room, ...attrs });
  await fixture(el);
  await until(
    () =>
      el.seatElements.length > 0 &&
      seatButton(el.seatElements[0]!)?.getAttribute('aria-label')?.includes('Ava') === true,
    'seats',
  );
  return el;
}

describe('<vr-seat-grid>', () => {
  const s = useScene();

  it('renders one seat per room seat, the owner on the first', async () => {
    const el = await mountGrid(s.host);
    expect(el.seatElements).to.have.length(8);
    expect(labels(el)[0]).to.equal('Seat 1, Ava Chen, host, you');
    expect(labels(el)[1]).to.equal('Seat 2, empty');
    const group = el.shadowRoot!.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).to.equal('Seats');
  });

  it('shows a seat taken by another client', async () => {
    const el = await mountGrid(s.host);
    const ben = await s.join(people.ben);
    await ben.takeSeat(3);
    await until(() => labels(el)[3] === 'Seat 4, Ben Ito', 'Ben on seat 4 in the host grid');
    expect(seatAt(el, 3).matches(':state(empty)')).to.equal(false);
    await ben.leaveSeat();
    await until(() => labels(el)[3] === 'Seat 4, empty', 'seat 4 empty again');
  });

  it('follows the room provided by an ancestor, and a room swapped in later', async () => {
    const provider = await fixture<TestRoomProvider>(
      html`<test-room-provider .room=${s.host}><vr-seat-grid></vr-seat-grid></test-room-provider>`,
    );
    const el = provider.querySelector('vr-seat-grid')!;
    await until(() => labels(el)[0] === 'Seat 1, Ava Chen, host, you', 'context room');
    const other = await scene({ seatCount: 4 });
    provider.room = other.host;
    await until(() => el.seatElements.length === 4, 'the other room');
    el.room = s.host;
    await until(() => el.seatElements.length === 8, 'an explicit .room wins over the context');
    el.remove();
    expect(s.host.observed).to.equal(false);
    expect(other.host.observed).to.equal(false);
    await other.close();
  });

  it('drives speaking rings from levels', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const el = await mountGrid(s.host, { levels: { 0: 80, 1: 3 } });
    await until(() => seatAt(el, 0).matches(':state(speaking)'), 'host speaking');
    expect(seatAt(el, 1).matches(':state(speaking)')).to.equal(false);
    el.levels = { 0: 0, 1: 55 };
    await until(
      () => seatAt(el, 1).matches(':state(speaking)') && !seatAt(el, 0).matches(':state(speaking)'),
      'levels moved',
    );
  });

  describe('layouts', () => {
    it('grid: even columns', async () => {
      const el = await mountGrid(s.host, { layout: 'grid' });
      const grid = el.shadowRoot!.querySelector<HTMLElement>('.grid')!;
      expect(getComputedStyle(grid).gridTemplateColumns.split(' ')).to.have.length(4);
      el.columns = 2;
      await el.updateComplete;
      expect(getComputedStyle(grid).gridTemplateColumns.split(' ')).to.have.length(2);
    });

    it('focus: the host seat large on its own row', async () => {
      const el = await mountGrid(s.host, { layout: 'focus' });
      const stage = el.shadowRoot!.querySelector('.stage')!;
      expect(stage.querySelectorAll('vr-seat')).to.have.length(1);
      const big = seatAt(el, 0).shadowRoot!.querySelector('.avatar')!.getBoundingClientRect();
      const small = seatAt(el, 1).shadowRoot!.querySelector('.avatar')!.getBoundingClientRect();
      expect(big.width).to.be.greaterThan(small.width * 1.3);
      expect(big.bottom).to.be.lessThan(small.top);
    });

    it('vertical: one seat per line, avatar beside the name', async () => {
      const el = await mountGrid(s.host, { layout: 'vertical' });
      const rects = el.seatElements.map((seat) => seat.getBoundingClientRect());
      for (let i = 1; i < rects.length; i += 1) expect(rects[i]!.top).to.be.greaterThanOrEqual(rects[i - 1]!.bottom);
      expect(el.seatElements.every((seat) => seat.variant === 'row')).to.equal(true);
    });

    it('free: configured rows with their size, spacing and alignment', async () => {
      const el = await mountGrid(s.host, {
        layout: 'free',
        rowSpacing: 20,
        rows: [
          { count: 3, seatSize: 50, seatSpacing: 10, alignment: 'center' },
          { count: 3, seatSize: 40, alignment: 'space-around' },
        ],
      });
      const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')];
      // 8 seats: 3 + 3 configured, the remaining 2 continue in a row shaped like the last one.
      expect(rows.map((row) => row.querySelectorAll('vr-seat').length)).to.deep.equal([3, 3, 2]);
      expect(getComputedStyle(rows[0]!).justifyContent).to.equal('center');
      expect(getComputedStyle(rows[0]!).columnGap).to.equal('10px');
      expect(getComputedStyle(rows[1]!).justifyContent).to.equal('space-around');
      expect(getComputedStyle(rows[0]!.parentElement!).rowGap).to.equal('20px');
      expect(seatAt(el, 0).shadowRoot!.querySelector('.avatar')!.getBoundingClientRect().width).to.equal(50);
      expect(seatAt(el, 4).shadowRoot!.querySelector('.avatar')!.getBoundingClientRect().width).to.equal(40);
      for (const alignment of ['start', 'end', 'space-between', 'space-evenly'] as const) {
        el.rows = [{ count: 8, alignment }];
        await el.updateComplete;
        const row = el.shadowRoot!.querySelector<HTMLElement>('.row')!;
        expect(getComputedStyle(row).justifyContent).to.equal(
          { start: 'flex-start', end: 'flex-end' }[alignment as string] ?? alignment,
        );
      }
    });
  });

  it('themes: follows the OS by default, theme="dark" on the grid or data-vr-theme on an ancestor forces it', async () => {
    const el = await mountGrid(s.host);
    const seat = seatAt(el, 0);
    expect(getComputedStyle(seat).colorScheme).to.equal('light dark');
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(seat).colorScheme).to.equal('dark');
    el.theme = undefined;
    await el.updateComplete;
    el.parentElement!.setAttribute('data-vr-theme', 'light');
    expect(getComputedStyle(seat).colorScheme).to.equal('light');
    const surfaceLight = getComputedStyle(seat.shadowRoot!.querySelector('.avatar')!).boxShadow;
    el.parentElement!.setAttribute('data-vr-theme', 'dark');
    expect(getComputedStyle(seat).colorScheme).to.equal('dark');
    expect(getComputedStyle(seat.shadowRoot!.querySelector('.avatar')!).boxShadow).not.to.equal(surfaceLight);
    el.parentElement!.removeAttribute('data-vr-theme');
  });

  it('is accessible', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    await s.host.lockSeat(5, true);
    await ben.setSelfMute(true);
    const el = await mountGrid(s.host, { levels: { 0: 70 } });
    await until(() => seatAt(el, 5).matches(':state(locked)') && seatAt(el, 2).matches(':state(muted)'), 'state');
    await expectAccessible(el);
    el.layout = 'vertical';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('has one tab stop and moves it with arrow keys, Home and End', async () => {
    const el = await mountGrid(s.host);
    const tabbable = () => el.seatElements.filter((seat) => seatButton(seat).tabIndex === 0).map((seat) => seat.index);
    expect(tabbable()).to.deep.equal([0]);
    seatButton(seatAt(el, 0)).focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 1)));
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 5)), 'down one row of 4');
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 1)));
    await sendKeys({ press: 'End' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 7)));
    await sendKeys({ press: 'Home' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 0)));
    await sendKeys({ press: 'ArrowLeft' });
    expect(deepActive(), 'no wrap before the first seat').to.equal(seatButton(seatAt(el, 0)));
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(tabbable()).to.deep.equal([1]);
  });

  it('moves Up and Down to the horizontally nearest seat of the next row, and nowhere past the last row', async () => {
    // The focus layout: seat 0 alone on the stage, seats 1–7 in 5 columns below it, centred under it.
    const el = await mountGrid(s.host, { layout: 'focus' });
    seatButton(seatAt(el, 0)).focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActive(), 'no row above the stage').to.equal(seatButton(seatAt(el, 0)));
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive(), 'the middle seat under the stage').to.equal(seatButton(seatAt(el, 3)));
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive(), 'seat 7, nearest to seat 3 in the row below').to.equal(seatButton(seatAt(el, 7)));
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive(), 'no row below the last').to.equal(seatButton(seatAt(el, 7)));
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 2)), 'seat 2, nearest to seat 7 in the row above');
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 0)));
  });

  it('keyboard only: a listener reaches a free seat, applies, and cancels', async () => {
    await s.host.setSeatMode('apply');
    const zoe = await s.join({ userId: 'zoe', userName: 'Zoe', avatarUrl: '' });
    const before = document.createElement('button');
    before.textContent = 'before';
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(before);
    const el = document.createElement('vr-seat-grid');
    el.room = zoe;
    wrapper.append(el);
    await until(
      () =>
        el.seatElements.length === 8 &&
        (seatButton(el.seatElements[0]!)?.getAttribute('aria-label') ?? '').includes('Ava'),
      'grid',
    );
    before.focus();

    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(seatButton(seatAt(el, 0)), 'Tab enters the grid on its tab stop');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    const seat = seatAt(el, 2);
    expect(deepActive()).to.equal(seatButton(seat));

    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu focused');
    expect(deepActive()!.textContent!.trim()).to.equal('Apply');
    await sendKeys({ press: 'Enter' });
    await until(() => seat.matches(':state(applied)'), 'application shows on the seat');
    expect(s.host.state.snapshot!.requests.map((r) => [r.type, r.from.userId, r.seatIndex])).to.deep.equal([
      ['apply', 'zoe', 2],
    ]);
    expect(seatButton(seat).getAttribute('aria-label')).to.equal('Seat 3, empty, applied');
    expect(deepActive(), 'focus is back on the seat').to.equal(seatButton(seat));

    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu focused again');
    expect(deepActive()!.textContent!.trim()).to.equal('Cancel application');
    await sendKeys({ press: 'Enter' });
    await until(() => !seat.matches(':state(applied)'), 'application withdrawn');
    await until(() => s.host.state.snapshot!.requests.length === 0, 'host sees no application');
    expect(deepActive()).to.equal(seatButton(seat));
  });

  it("keyboard only: a seat's menu whose part failed to come, then came late, opens with focus in it", async () => {
    const importMenu = VrSeat.importMenu;
    let online = false;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrSeat.importMenu = () =>
      online ? arrived.then(importMenu) : Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      const el = await mountGrid(s.host);
      seatButton(seatAt(el, 0)).focus();
      await sendKeys({ press: 'ArrowRight' });
      const seat = seatAt(el, 1);
      expect(deepActive()).to.equal(seatButton(seat));

      await sendKeys({ press: 'Enter' });
      const alert = seat.shadowRoot!.querySelector('[role="alert"]')!;
      await until(() => alert.textContent!.includes(errorMessage(ErrorCode.CONNECTION_LOST)), 'the failure is said');
      expect(deepActive(), 'focus stays on the seat').to.equal(seatButton(seat));

      online = true;
      await sendKeys({ press: 'Enter' });
      await until(() => seat.matches(':state(menu-open)'), 'open, its part on the way');
      await sendKeys({ press: 'ArrowDown' });
      expect(deepActive(), 'the arrow is the menu button’s, not the grid’s').to.equal(seatButton(seat));
      arrive();
      await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu focused');
      expect(deepActive()!.textContent!.trim()).to.equal('Move here');
      await sendKeys({ press: 'ArrowDown' });
      expect(deepActive()!.textContent!.trim(), 'arrows move in the menu').to.equal('Invite someone');
      await sendKeys({ press: 'Escape' });
      await until(() => deepActive() === seatButton(seat), 'focus back on the seat');
      await sendKeys({ press: 'ArrowRight' });
      expect(deepActive(), 'the grid moves on again').to.equal(seatButton(seatAt(el, 2)));
    } finally {
      VrSeat.importMenu = importMenu;
    }
  });

  it('leaves nothing subscribed after 100 mounts and removals, in every layout', async function () {
    // Heavy (many mounts or pages): its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    const layouts = ['grid', 'focus', 'vertical', 'free'] as const;
    await expectNoSubscriptionLeft(s.host, async (i) => {
      const el = document.createElement('vr-seat-grid');
      el.room = s.host;
      el.layout = layouts[i % layouts.length]!;
      el.rows = [{ count: 4 }];
      await fixture(el);
      await el.updateComplete;
      return el;
    });
  });
});
