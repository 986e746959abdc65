import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import { VrSeat, setLocale } from '../../components/index.js';
import { ErrorCode, errorMessage } from '../../src/index.js';
import type { Room } from '../../src/index.js';
import { gatedBackend, people, until, useScene, expectNoSubscriptionLeft } from './helpers.js';
import { expectAccessible } from './accessible.js';

const button = (seat: VrSeat) => seat.shadowRoot!.querySelector<HTMLButtonElement>('button.seat')!;
const label = (seat: VrSeat) => button(seat).getAttribute('aria-label') ?? '';
const menuItems = (seat: VrSeat) => [...seat.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')];
const menuLabels = (seat: VrSeat) => menuItems(seat).map((item) => item.textContent!.trim());
const item = (seat: VrSeat, text: string) => {
  const found = menuItems(seat).find((i) => i.textContent!.trim() === text);
  if (!found) throw new Error(`no menu item "${text}" in [${menuLabels(seat).join(', ')}]`);
  return found;
};

async function mountSeat(room: Room, index: number): Promise<VrSeat> {
  const el = await fixture<VrSeat>(html`<vr-seat .room=${room} .index=${index}></vr-seat>`);
  await until(() => label(el).startsWith(`Seat ${index + 1},`), 'seat label');
  return el;
}

/**
 * Holds the seats' menu part back (a slow first fetch) until `arrive()`; seats mounted meanwhile fetch through it.
 * `restore()` puts the real import back.
 */
function holdMenuPart() {
  const importMenu = VrSeat.importMenu;
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  VrSeat.importMenu = () => arrived.then(importMenu);
  return { arrive, restore: () => (VrSeat.importMenu = importMenu) };
}

async function openMenu(seat: VrSeat): Promise<void> {
  button(seat).click();
  await seat.updateComplete;
  await until(() => menuItems(seat).length > 0, 'menu');
}

describe('<vr-seat>', () => {
  const s = useScene();

  it('shows the occupant, their role and my own seat in its label and states', async () => {
    const el = await mountSeat(s.host, 0);
    expect(label(el)).to.equal('Seat 1, Ava Chen, host, you');
    expect(el.matches(':state(empty)')).to.equal(false);
    expect(el.matches(':state(mine)')).to.equal(true);
    expect(el.shadowRoot!.querySelector('.initials')!.getAttribute('data-initials')).to.equal('AC');
    expect(el.shadowRoot!.querySelector('[part="role"]')!.getAttribute('data-label')).to.equal('Host');
  });

  it("shows an admin's role tag and label; a member's and an empty seat's have none", async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    const el = await mountSeat(s.host, 2);
    const role = () => el.shadowRoot!.querySelector('[part="role"]');
    // The narrow-cell styles hide the number when someone sits there (their name says more), an empty seat's word.
    const caption = (seat: VrSeat) => [
      seat.shadowRoot!.querySelector('[part="number"]')!.classList.contains('of-user'),
      seat.shadowRoot!.querySelector('[part="name"]')!.classList.contains('state'),
    ];
    expect(label(el)).to.equal('Seat 3, Ben Ito');
    expect(role()).to.equal(null);
    expect(caption(el)).to.deep.equal([true, false]);
    await s.host.setAdmin('ben', true);
    await until(() => label(el) === 'Seat 3, Ben Ito, admin', 'admin label');
    expect(role()!.getAttribute('data-label')).to.equal('Admin');
    expect(role()!.classList.contains('admin')).to.equal(true);
    const empty = await mountSeat(s.host, 4);
    expect(empty.shadowRoot!.querySelector('[part="role"]')).to.equal(null);
    expect(caption(empty)).to.deep.equal([false, true]);
  });

  it('shows an empty seat, then a locked one, as another client changes it', async () => {
    const ben = await s.join(people.ben);
    const el = await mountSeat(ben, 4);
    expect(label(el)).to.equal('Seat 5, empty');
    expect(el.matches(':state(empty)')).to.equal(true);
    await s.host.lockSeat(4, true);
    await until(() => el.matches(':state(locked)'), 'locked state');
    expect(label(el)).to.equal('Seat 5, locked');
  });

  it('reflects speaking from its level, and self-mute and seat audio lock as badges', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    const el = await mountSeat(s.host, 2);
    el.level = 60;
    await el.updateComplete;
    expect(el.matches(':state(speaking)')).to.equal(true);
    expect(label(el)).to.equal('Seat 3, Ben Ito, speaking');
    el.level = 5;
    await el.updateComplete;
    expect(el.matches(':state(speaking)')).to.equal(false);

    await ben.setSelfMute(true);
    await until(() => el.matches(':state(muted)'), 'muted state');
    el.level = 60;
    await el.updateComplete;
    expect(el.matches(':state(speaking)'), 'a muted speaker is not speaking').to.equal(false);
    expect(label(el)).to.equal('Seat 3, Ben Ito, muted');
    expect(el.shadowRoot!.querySelector('.badge.muted')).to.exist;

    await s.host.lockSeatAudio(2, true);
    await until(() => el.matches(':state(audio-locked)'), 'audio-locked state');
    expect(label(el)).to.equal('Seat 3, Ben Ito, muted, microphone locked');
    expect(el.shadowRoot!.querySelector('.badge.audio-locked')).to.exist;
  });

  it('shows what the room says, whatever attributes a page sets on it', async () => {
    const el = await mountSeat(s.host, 4);
    for (const name of ['speaking', 'locked', 'muted', 'audio-locked', 'mine', 'applied', 'busy', 'alerting'])
      el.setAttribute(name, '');
    el.removeAttribute('empty');
    await el.updateComplete;
    expect(label(el)).to.equal('Seat 5, empty');
    expect(el.matches(':state(empty)'), 'still empty').to.equal(true);
    for (const name of ['speaking', 'locked', 'muted', 'audio-locked', 'mine', 'applied', 'busy', 'alerting']) {
      expect(el.matches(`:state(${name})`), name).to.equal(false);
    }
    expect(getComputedStyle(el.shadowRoot!.querySelector('.ripple')!).animationName, 'no speaking ripple').to.equal(
      'none',
    );
  });

  it('offers the actions of my role', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const cleo = await s.join(people.cleo);

    const ownerOnOther = await mountSeat(s.host, 1);
    await openMenu(ownerOnOther);
    expect(menuLabels(ownerOnOther)).to.deep.equal([
      'View profile',
      'Remove from seat',
      'Lock microphone',
      'Lock seat',
    ]);
    ownerOnOther.closeMenu();

    const ownerOnEmpty = await mountSeat(s.host, 5);
    await openMenu(ownerOnEmpty);
    expect(menuLabels(ownerOnEmpty)).to.deep.equal(['Move here', 'Invite someone', 'Lock seat', 'Lock microphone']);
    ownerOnEmpty.closeMenu();

    const memberOnOther = await mountSeat(cleo, 1);
    await openMenu(memberOnOther);
    expect(menuLabels(memberOnOther)).to.deep.equal(['View profile']);
    memberOnOther.closeMenu();

    const memberOnEmpty = await mountSeat(cleo, 5);
    await openMenu(memberOnEmpty);
    expect(menuLabels(memberOnEmpty)).to.deep.equal(['Take seat']);
    memberOnEmpty.closeMenu();

    const mine = await mountSeat(ben, 1);
    await openMenu(mine);
    expect(menuLabels(mine)).to.deep.equal(['Leave seat']);
  });

  it('offers nobody but the owner a way onto the empty host seat', async () => {
    const cleo = await s.join(people.cleo);
    await s.host.moveSeat(5);
    const memberOnHost = await mountSeat(cleo, 0);
    await until(() => !label(memberOnHost).includes('Ava Chen'), 'the host seat empties');
    expect(memberOnHost.actions, 'a member may not take, apply for or be invited to it').to.deep.equal([]);
    const ownerOnHost = await mountSeat(s.host, 0);
    await until(() => ownerOnHost.actions.length > 0, "the owner's actions");
    expect(ownerOnHost.actions, 'the owner may move back, but invites nobody there').to.deep.equal([
      'move',
      'lock',
      'lock-audio',
    ]);
  });

  it('dispatches vr-seat-take and takes the seat; another client sees it', async () => {
    const ben = await s.join(people.ben);
    const el = await mountSeat(ben, 3);
    await openMenu(el);
    const event = oneEvent(el, 'vr-seat-take');
    item(el, 'Take seat').click();
    const { detail } = await event;
    expect(detail).to.deep.equal({ index: 3, apply: false });
    await until(() => s.host.state.snapshot?.seats[3]?.user?.userId === 'ben', 'host sees Ben on seat 4');
    await until(() => el.matches(':state(mine)'), 'seat shows it is mine');
  });

  it('does nothing when the intent is cancelled', async () => {
    const ben = await s.join(people.ben);
    const el = await mountSeat(ben, 3);
    let seen = 0;
    el.addEventListener('vr-seat-take', (e) => {
      seen += 1;
      e.preventDefault();
    });
    expect(await el.take()).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).to.equal(1);
    expect(s.server.room('room-under-test')!.seats[3]!.user).to.equal(null);
    expect(ben.state.pending).to.deep.equal({});
  });

  it('shows a spinner and aria-busy while the command is pending', async () => {
    const backend = gatedBackend(s.server);
    const ben = await s.join(people.ben, backend);
    const el = await mountSeat(ben, 2);
    backend.hold();
    const done = el.take();
    await until(() => button(el).getAttribute('aria-busy') === 'true', 'aria-busy');
    expect(el.shadowRoot!.querySelector('.spinner')).to.exist;
    expect(label(el)).to.contain('working');
    backend.release();
    expect(await done).to.equal(true);
    await el.updateComplete;
    expect(button(el).getAttribute('aria-busy')).to.equal('false');
    expect(el.shadowRoot!.querySelector('.spinner')).to.equal(null);
  });

  it('shows the documented message when taking a locked seat fails', async () => {
    const ben = await s.join(people.ben);
    const el = await mountSeat(ben, 6);
    // The owner locks the seat while Ben's view is still the old one (the event has not reached him yet).
    void s.host.lockSeat(6, true);
    const error = oneEvent(el, 'vr-seat-error');
    const commandError = oneEvent(el, 'vr-command-error');
    expect(await el.take()).to.equal(false);
    const { detail } = await error;
    expect(detail.code).to.equal(ErrorCode.SEAT_LOCKED);
    expect((await commandError).detail).to.include({ key: 'take', code: ErrorCode.SEAT_LOCKED });
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    await until(() => alert.querySelector('.alert') !== null, 'the bubble');
    expect(alert.textContent).to.contain(errorMessage(ErrorCode.SEAT_LOCKED));
    expect(alert.querySelector('[data-code="100200"]')).to.exist;
  });

  it("shows a failed command's message before the bubble's part arrived, then in its bubble", async () => {
    const held = holdMenuPart();
    try {
      const ben = await s.join(people.ben);
      const el = await mountSeat(ben, 6);
      void s.host.lockSeat(6, true);
      expect(await el.take()).to.equal(false);
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent, 'said at once, as text').to.contain(errorMessage(ErrorCode.SEAT_LOCKED));
      expect(alert.querySelector('.alert')).to.equal(null);
      held.arrive();
      await until(
        () => alert.querySelector('.alert[data-code="100200"]') !== null,
        'the bubble, once its part is here',
      );
      expect(alert.textContent).to.contain(errorMessage(ErrorCode.SEAT_LOCKED));
      alert.querySelector<HTMLButtonElement>('.dismiss')!.click();
      await until(() => alert.textContent!.trim() === '', 'dismissed');
    } finally {
      held.restore();
    }
  });

  it('removes an occupant for the owner, and the member sees their seat empty', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const bensView = await mountSeat(ben, 1);
    const el = await fixture<VrSeat>(html`<vr-seat .room=${s.host} .index=${1}></vr-seat>`);
    await until(() => label(el).includes('Ben Ito'), 'Ben on seat');
    await openMenu(el);
    const kicked = oneEvent(el, 'vr-seat-kick');
    item(el, 'Remove from seat').click();
    expect((await kicked).detail).to.deep.equal({ index: 1, userId: 'ben' });
    await until(() => bensView.matches(':state(empty)'), "Ben's view shows the seat empty");
  });

  it('closes its menu with Escape and gives focus back to the seat', async () => {
    const el = await mountSeat(s.host, 4);
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.matches(':state(menu-open)'), 'menu open');
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'focus in menu');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Invite someone');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.matches(':state(menu-open)')).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
  });

  it('opened before its part arrived, shows the menu as soon as it does, with focus on the first action', async () => {
    const held = holdMenuPart();
    try {
      const el = await mountSeat(s.host, 4);
      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => el.matches(':state(menu-open)'), 'open at once');
      expect(button(el).getAttribute('aria-expanded')).to.equal('true');
      expect(button(el).getAttribute('aria-busy'), 'busy while the menu is on its way').to.equal('true');
      expect(el.shadowRoot!.querySelector('.busy.later .spinner'), 'a spinner, should it take a while').to.exist;
      expect(label(el), 'the label does not claim a command').to.equal('Seat 5, empty');
      expect(menuItems(el)).to.deep.equal([]);
      await expectAccessible(el);
      held.arrive();
      await until(() => el.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'focus in the menu');
      expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Move here');
      expect(el.shadowRoot!.querySelector('.menu')!.matches(':popover-open')).to.equal(true);
      expect(button(el).getAttribute('aria-busy')).to.equal('false');
      expect(el.shadowRoot!.querySelector('.busy'), 'no spinner left').to.equal(null);
      expect(button(el).getAttribute('aria-controls')).to.equal('menu');
      await sendKeys({ press: 'ArrowDown' });
      expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Invite someone');
      await sendKeys({ press: 'Escape' });
      await until(() => !el.matches(':state(menu-open)'), 'closed');
      expect(el.shadowRoot!.activeElement).to.equal(button(el));
    } finally {
      held.restore();
    }
  });

  it('closes a menu still on its way with Escape, a click outside or focus leaving, and does not show it later', async () => {
    const held = holdMenuPart();
    try {
      const el = await mountSeat(s.host, 4);
      const elsewhere = await fixture<HTMLButtonElement>(html`<button type="button">elsewhere</button>`);
      const open = () => el.matches(':state(menu-open)');

      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await until(open, 'open');
      await sendKeys({ press: 'Escape' });
      await until(() => !open(), 'Escape closes it');
      expect(el.shadowRoot!.activeElement).to.equal(button(el));

      button(el).click();
      await until(open, 'open again');
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await until(() => !open(), 'a click outside closes it');

      button(el).focus();
      await sendKeys({ press: 'Enter' });
      await until(open, 'open once more');
      elsewhere.focus();
      await until(() => !open(), 'focus leaving closes it');
      expect(button(el).getAttribute('aria-busy')).to.equal('false');

      held.arrive();
      await until(() => el.shadowRoot!.querySelector('.menu') !== null, 'the part arrived');
      await el.updateComplete;
      expect(open()).to.equal(false);
      expect(el.shadowRoot!.querySelector('.menu')!.matches(':popover-open')).to.equal(false);
      expect(document.activeElement, 'focus stays where it went').to.equal(elsewhere);
    } finally {
      held.restore();
    }
  });

  it("says so when its menu's part cannot be fetched, and the next open tries again", async () => {
    const importMenu = VrSeat.importMenu;
    let online = false;
    let fetches = 0;
    VrSeat.importMenu = () => {
      fetches++;
      return online ? importMenu() : Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    try {
      const el = await mountSeat(s.host, 4);
      button(el).focus();
      await sendKeys({ press: 'Enter' });
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      await until(() => alert.textContent!.includes(errorMessage(ErrorCode.CONNECTION_LOST)), 'the failure is said');
      expect(el.matches(':state(menu-open)'), 'the menu closed').to.equal(false);
      expect(button(el).getAttribute('aria-expanded')).to.equal('false');
      expect(el.shadowRoot!.activeElement, 'focus stays on the seat').to.equal(button(el));
      const failed = fetches;

      online = true;
      await sendKeys({ press: 'Enter' });
      await until(() => el.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'the menu, at last');
      expect(fetches).to.equal(failed + 1);
      expect(menuLabels(el)).to.deep.equal(['Move here', 'Invite someone', 'Lock seat', 'Lock microphone']);
      expect(alert.textContent!.trim(), 'the failure went with it').to.equal('');
    } finally {
      VrSeat.importMenu = importMenu;
    }
  });

  it('keeps its menu inside the viewport at every edge, on the logical side in RTL, following scroll and resize', async () => {
    const menu = (seat: VrSeat) => seat.shadowRoot!.querySelector<HTMLElement>('.menu')!;
    const inside = (rect: DOMRect) =>
      rect.left >= 0 &&
      rect.top >= 0 &&
      rect.right <= document.documentElement.clientWidth &&
      rect.bottom <= window.innerHeight;
    /** A seat fixed at a place in the viewport, its menu open and placed. */
    async function seatAt(style: string, dir = 'ltr'): Promise<VrSeat> {
      const el = await fixture<VrSeat>(
        html`<div dir=${dir}><vr-seat style="position: fixed; width: 72px; ${style}" .room=${s.host} .index=${3}></vr-seat></div>`,
      );
      const seat = el.querySelector('vr-seat')!;
      await until(() => label(seat).startsWith('Seat 4,'), 'seat label');
      await openMenu(seat);
      await until(() => menu(seat).style.getPropertyValue('--_top') !== '', 'menu placed');
      return seat;
    }
    for (const [edge, style] of [
      ['top left', 'top: 0; left: 0'],
      ['top right', 'top: 0; right: 0'],
      ['bottom left', 'bottom: 0; left: 0'],
      ['bottom right', 'bottom: 0; right: 0'],
      ['left middle', 'top: 40%; left: 0'],
      ['right middle', 'top: 40%; right: 0'],
    ] as const) {
      const seat = await seatAt(style);
      const rect = menu(seat).getBoundingClientRect();
      expect(inside(rect), `${edge}: ${JSON.stringify(rect)}`).to.equal(true);
      const seatRect = button(seat).getBoundingClientRect();
      // Above the seat at the bottom edge (no room below), under it everywhere else.
      if (edge.startsWith('bottom')) expect(rect.bottom, edge).to.be.at.most(seatRect.top);
      else expect(rect.top, edge).to.be.at.least(seatRect.bottom);
      seat.closeMenu();
    }

    // The menu's inline start meets the seat's: its left edge in LTR, its right edge in RTL.
    const ltr = await seatAt('top: 30%; left: 40%');
    expect(menu(ltr).getBoundingClientRect().left).to.be.closeTo(button(ltr).getBoundingClientRect().left, 1);
    ltr.closeMenu();
    const rtl = await seatAt('top: 30%; left: 40%', 'rtl');
    expect(menu(rtl).getBoundingClientRect().right).to.be.closeTo(button(rtl).getBoundingClientRect().right, 1);

    // It follows its seat: the seat moves (a layout change, as a scroll or a resize moves it) and the menu goes along.
    rtl.style.left = '20%';
    await until(
      () => Math.abs(menu(rtl).getBoundingClientRect().right - button(rtl).getBoundingClientRect().right) < 1,
      'menu follows the seat',
    );
    rtl.closeMenu();
    const scroller = await fixture<HTMLElement>(
      html`<div style="position: fixed; top: 0; left: 0; width: 300px; height: 200px; overflow: auto">
        <div style="height: 1000px; padding-top: 20px"><vr-seat style="display: block; width: 72px" .room=${s.host} .index=${3}></vr-seat></div>
      </div>`,
    );
    const inScroller = scroller.querySelector('vr-seat')!;
    await until(() => label(inScroller).startsWith('Seat 4,'), 'seat label');
    await openMenu(inScroller);
    await until(() => menu(inScroller).style.getPropertyValue('--_top') !== '', 'menu placed');
    scroller.scrollTop = 10;
    await until(
      () =>
        Math.abs(menu(inScroller).getBoundingClientRect().top - 4 - button(inScroller).getBoundingClientRect().bottom) <
        1,
      'menu follows the scroll',
    );
    inScroller.closeMenu();

    // A narrower window: the seat at the right edge moves in, and its open menu with it, still inside.
    const right = await seatAt('top: 0; right: 0');
    const before = menu(right).getBoundingClientRect().left;
    await setViewport({ width: 600, height: 500 });
    try {
      await until(() => menu(right).getBoundingClientRect().left < before - 50, 'menu follows the resize');
      expect(inside(menu(right).getBoundingClientRect())).to.equal(true);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('emits intents that have no built-in UI (invite, profile) for the product to handle', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const empty = await mountSeat(s.host, 3);
    const invite = oneEvent(empty, 'vr-seat-invite');
    await empty.invite();
    expect((await invite).detail).to.deep.equal({ index: 3 });
    const taken = await mountSeat(s.host, 1);
    const profile = oneEvent(taken, 'vr-profile-view');
    await taken.viewProfile();
    expect((await profile).detail.user.userId).to.equal('ben');
  });

  it('lets a product draw the seat face and keeps the button around it', async () => {
    const el = await fixture<VrSeat>(html`<vr-seat
      .room=${s.host}
      .index=${0}
      .renderSeat=${(c: { seat: { user: { userName: string } | null }; label: string }) =>
        html`<b class="custom">${c.seat.user?.userName ?? '—'}</b>`}
    ></vr-seat>`);
    await until(() => el.shadowRoot!.querySelector('.custom')?.textContent === 'Ava Chen', 'custom face');
    expect(label(el)).to.equal('Seat 1, Ava Chen, host, you');
    expect(el.shadowRoot!.querySelector('.avatar')).to.equal(null);
  });

  it('switches language at run time', async () => {
    const el = await mountSeat(s.host, 0);
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(label(el)).to.equal('1号麦, Ava Chen, 房主, 我');
    setLocale('en');
    await el.updateComplete;
    expect(label(el)).to.equal('Seat 1, Ava Chen, host, you');
  });

  it('is accessible, closed and with its menu open', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const el = await mountSeat(s.host, 1);
    el.level = 50;
    await expectAccessible(el);
    await openMenu(el);
    await expectAccessible(el);
  });

  it('leaves nothing subscribed after 100 mounts and removals', async function () {
    // 100 mounts: its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    await expectNoSubscriptionLeft(s.host, (i) => fixture(html`<vr-seat .room=${s.host} .index=${i % 8}></vr-seat>`));
  });
});
