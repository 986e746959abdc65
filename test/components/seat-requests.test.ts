import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/index.js';
// The element is lazy in the components entry (loaded on first sight); its own module defines it at once.
import '../../components/seat-requests/seat-requests.js';
import { type VrSeatRequests, formatCountdown, setLocale } from '../../components/index.js';
import { errorMessage } from '../../src/index.js';
import type { Room } from '../../src/index.js';
import { ROOM_ID, gatedBackend, people, until, useScene, expectNoSubscriptionLeft } from './helpers.js';
import { expectAccessible } from './accessible.js';

const $ = <T extends Element = HTMLElement>(el: VrSeatRequests, selector: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(selector);
const $$ = (el: VrSeatRequests, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const names = (el: VrSeatRequests) => $$(el, '.item .name').map((n) => n.textContent!.trim());
const notice = (el: VrSeatRequests) => $(el, '[role="status"]')!.textContent!.trim();
const byLabel = (el: VrSeatRequests, label: string) => {
  const found = $$(el, 'button').find((b) => b.getAttribute('aria-label') === label || b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

async function mount(room: Room): Promise<VrSeatRequests> {
  const el = await fixture<VrSeatRequests>(html`<vr-seat-requests .room=${room}></vr-seat-requests>`);
  await until(() => el.shadowRoot!.querySelector('.base') !== null, 'rendered');
  return el;
}

describe('<vr-seat-requests>', () => {
  const s = useScene({ seatMode: 'apply' });

  it('shows applications from other clients in arrival order, with live countdowns', async () => {
    const el = await mount(s.host);
    await until(() => el.matches(':state(manager)'), 'manager view');
    expect($(el, '.empty-state')!.textContent).to.contain('No one is waiting for a seat');
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    await ben.takeSeat(2);
    await cleo.takeSeat(null);
    await until(() => names(el).length === 2, 'two applications');
    expect(names(el)).to.deep.equal(['Ben Ito', 'Cleo']);
    const metas = $$(el, '.item .meta').map((m) => m.textContent!.replace(/\s+/g, ' ').trim());
    expect(metas[0]).to.match(/^Wants seat 3 Expires in (1:00|0:5\d)/);
    expect(metas[1]).to.match(/^Wants any seat/);
    expect($(el, '.tab .count')!.textContent).to.equal('2');
    const first = $(el, '[part="countdown"] [aria-hidden="true"]:not(.bar)')!.textContent;
    await until(
      () => $(el, '[part="countdown"] [aria-hidden="true"]:not(.bar)')!.textContent !== first,
      'countdown ticks',
    );
    expect(formatCountdown(61_000)).to.equal('1:01');
  });

  it('approves with vr-request-respond; the applicant is seated on every client', async () => {
    const ben = await s.join(people.ben);
    const bens = await mount(ben);
    await ben.takeSeat(2);
    const el = await mount(s.host);
    await until(() => names(el).length === 1, 'application');
    const event = oneEvent(el, 'vr-request-respond');
    byLabel(el, 'Approve Ben Ito').click();
    const { detail } = await event;
    expect(detail).to.include({ type: 'apply', userId: 'ben', accept: true });
    await until(() => s.server.room(ROOM_ID)!.seats[2]!.user?.userId === 'ben', 'Ben seated on the server');
    await until(() => names(el).length === 0, 'queue empties');
    await until(() => notice(bens) === 'Your request was approved. You are on the mic.', 'applicant notice');
    await until(() => notice(el) === 'Ben Ito is on the mic.', 'host notice');
  });

  it('does nothing when an intent is prevented', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    const el = await mount(s.host);
    await until(() => names(el).length === 1, 'application');
    let seen = 0;
    el.addEventListener('vr-request-respond', (e) => (seen++, e.preventDefault()));
    el.addEventListener('vr-request-respond-all', (e) => (seen++, e.preventDefault()));
    byLabel(el, 'Reject Ben Ito').click();
    expect(await el.respondAll(true)).to.equal(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).to.equal(2);
    expect(s.server.room(ROOM_ID)!.requests.filter((r) => r.status === 'pending')).to.have.length(1);
    expect(s.host.state.pending).to.deep.equal({});
  });

  it('admits everyone at once, and rejects everyone at once', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    const dev = await s.join(people.dev);
    await ben.takeSeat(1);
    await cleo.takeSeat(2);
    const el = await mount(s.host);
    await until(() => names(el).length === 2, 'two applications');
    const all = oneEvent(el, 'vr-request-respond-all');
    byLabel(el, 'Admit all').click();
    expect((await all).detail).to.deep.equal({ accept: true, count: 2 });
    await until(() => names(el).length === 0, 'queue empties');
    const seats = s.server.room(ROOM_ID)!.seats;
    expect([seats[1]!.user?.userId, seats[2]!.user?.userId]).to.deep.equal(['ben', 'cleo']);
    await dev.takeSeat(3);
    await until(() => names(el).length === 1, 'dev applies');
    await el.respondAll(false);
    await until(() => names(el).length === 0, 'rejected');
    expect(s.server.room(ROOM_ID)!.seats[3]!.user).to.equal(null);
  });

  it('shows what the room says, whatever attributes a page sets on it', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    await ben.takeSeat(4);
    await until(() => $(el, '.card.mine') !== null, 'my application');
    el.setAttribute('empty', '');
    el.setAttribute('manager', '');
    await el.updateComplete;
    expect(getComputedStyle(el).display, 'my application stays on screen').to.not.equal('none');
    expect(el.matches(':state(empty)') || el.matches(':state(manager)')).to.equal(false);
    expect($(el, '[part="tabs"]'), 'no manager tabs').to.equal(null);
  });

  it('shows a listener their application with cancel, and announces the end politely', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    expect(el.matches(':state(empty)')).to.equal(true);
    await ben.takeSeat(4);
    await until(() => $(el, '.card.mine') !== null, 'my application');
    expect(el.matches(':state(empty)')).to.equal(false);
    expect($(el, '.card.mine')!.textContent).to.contain('You asked for seat 5');
    const cancel = oneEvent(el, 'vr-request-cancel');
    byLabel(el, 'Cancel request').click();
    expect((await cancel).detail.seatIndex).to.equal(4);
    await until(() => $(el, '.card.mine') === null, 'card gone');
    await until(() => notice(el) === 'Request withdrawn.', 'notice');
    expect($(el, '[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(s.server.room(ROOM_ID)!.requests).to.have.length(0);
  });

  it('invites from the audience picker; the invitee accepts on their client', async () => {
    const ben = await s.join(people.ben);
    await s.join(people.cleo);
    const bens = await mount(ben);
    const el = await mount(s.host);
    el.openInvite(5);
    await until(() => names(el).length === 2, 'candidates');
    expect(names(el).sort()).to.deep.equal(['Ben Ito', 'Cleo']);
    expect($<HTMLSelectElement>(el, 'select')!.value).to.equal('5');
    const invite = oneEvent(el, 'vr-request-invite');
    byLabel(el, 'Invite Ben Ito').click();
    expect((await invite).detail).to.deep.equal({ userId: 'ben', seatIndex: 5 });
    await until(() => $(bens, '.card.invitation') !== null, 'invitation card on Ben');
    expect($(bens, '.card-title')!.textContent).to.equal('Ava Chen invites you to speak');
    await until(() => $(el, '[data-user="ben"] .invited') !== null, 'host sees Invited');
    const accept = oneEvent(bens, 'vr-request-respond');
    byLabel(bens, 'Accept').click();
    expect((await accept).detail).to.include({ type: 'invite', accept: true });
    await until(() => s.server.room(ROOM_ID)!.seats[5]!.user?.userId === 'ben', 'Ben on seat 6');
    await until(() => notice(el) === 'Ben Ito accepted your invitation.', 'host notice');
    await until(() => !names(el).includes('Ben Ito'), 'seated people leave the picker');
  });

  it('searches the whole audience from the picker', async () => {
    await s.join(people.ben);
    await s.join(people.dev);
    const el = await mount(s.host);
    el.view = 'invite';
    await until(() => names(el).length === 2, 'candidates');
    await el.search('dev');
    await until(() => names(el).length === 1, 'search result');
    expect(names(el)).to.deep.equal(['Dev Patel']);
  });

  it('announces a timeout to the applicant and to the host', async () => {
    const ben = await s.join(people.ben);
    const bens = await mount(ben);
    const el = await mount(s.host);
    await ben.takeSeat(1, { timeoutSec: 1 });
    await until(() => names(el).length === 1, 'application');
    await until(() => notice(bens) === 'Your request timed out.', 'applicant timeout notice');
    await until(() => notice(el) === 'Ben Ito’s request timed out.', 'host timeout notice');
    expect(names(el)).to.deep.equal([]);
  });

  it('tells an admin when another admin answered first', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    await s.host.setAdmin('ben', true);
    const bens = await mount(ben);
    await until(() => bens.matches(':state(manager)'), 'Ben manages');
    await cleo.takeSeat(3);
    await until(() => names(bens).length === 1, 'Ben sees the application');
    const request = s.host.state.snapshot!.requests[0]!;
    await s.host.respondRequest(request.requestId, true);
    await until(() => notice(bens) === 'Cleo’s request was answered by another admin.', 'handled-by-other notice');
  });

  it('shows pending (aria-busy) while a command is in flight', async () => {
    const backend = gatedBackend(s.server);
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    // The host's view on a client whose answers wait: the admit-all button shows the command in flight.
    const { createRoom } = await import('../../src/index.js');
    const admin = createRoom({ backend, roomId: ROOM_ID, user: people.ava });
    await admin.start({});
    const el = await mount(admin);
    await until(() => names(el).length === 1, 'application');
    backend.hold();
    const done = el.respondAll(true);
    const admitAll = () => byLabel(el, 'Admit all');
    await until(() => admitAll().getAttribute('aria-busy') === 'true', 'aria-busy');
    expect(admitAll().querySelector('.spinner')).to.exist;
    expect(admitAll().hasAttribute('disabled')).to.equal(true);
    backend.release();
    expect(await done).to.equal(true);
    await el.updateComplete;
    expect(admitAll().getAttribute('aria-busy')).to.equal('false');
    admin.dispose();
    await backend.close();
  });

  it('shows the documented message when answering a request that is gone', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    const el = await mount(s.host);
    await until(() => names(el).length === 1, 'application');
    const request = s.host.state.snapshot!.requests[0]!;
    void ben.cancelRequest(request.requestId);
    expect(await el.respond(request, true)).to.equal(false);
    await el.updateComplete;
    const alert = $(el, '[part="alert"]')!;
    const code = Number(alert.dataset.code);
    expect(alert.textContent).to.contain(errorMessage(code as never));
    expect($(el, '[role="alert"]')!.contains(alert)).to.equal(true);
  });

  it('switches tabs with the arrow keys', async () => {
    const el = await mount(s.host);
    await until(() => el.matches(':state(manager)'), 'manager');
    $(el, '#tab-queue')!.focus();
    $(el, '.tabs')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    expect(el.view).to.equal('invite');
    await until(() => el.shadowRoot!.activeElement?.id === 'tab-invite', 'focus follows');
  });

  it('is accessible: queue, picker and a listener invitation', async () => {
    const ben = await s.join(people.ben);
    await s.join(people.cleo);
    await ben.takeSeat(2);
    const el = await mount(s.host);
    await until(() => names(el).length === 1, 'application');
    await expectAccessible(el);
    el.view = 'invite';
    await until(() => names(el).length >= 1, 'candidates');
    await expectAccessible(el);
    const dev = await s.join(people.dev);
    const devs = await mount(dev);
    await s.host.inviteToSeat('dev', 4);
    await until(() => $(devs, '.card.invitation') !== null, 'invitation');
    await expectAccessible(devs);
  });

  it('switches language at run time', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(2);
    const el = await mount(s.host);
    await until(() => names(el).length === 1, 'application');
    await setLocale('zh-CN');
    await el.updateComplete;
    expect($(el, '.title')!.textContent).to.equal('上麦申请');
    expect(byLabel(el, '同意 Ben Ito')).to.exist;
    setLocale('en');
  });

  it('leaves nothing subscribed after 100 mounts and removals', async function () {
    // 100 mounts: its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    await expectNoSubscriptionLeft(s.host, () => fixture(html`<vr-seat-requests .room=${s.host}></vr-seat-requests>`));
  });
});
