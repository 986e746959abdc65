// The same components on the Tencent backend: <vr-room> in Chromium over the RoomEngine cloud double (the cloud is
// unreachable here; test/contract/engine-harness.ts), the listener's page with Chromium's fake microphone. What a
// user notices: the listener applies from the bottom bar and ends up on the seat with the mic on (the engine opens
// its microphone); an invitation opens the sheet and Accept seats them; the barrage reaches the other page; and the
// gift sheet offers only the host (Tencent's gifts go to the anchor), whose page then shows the gift.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import {
  type VrGiftPanel,
  type VrRoom,
  type VrSeat,
  type VrSeatGrid,
  type VrSeatRequests,
  setLocale,
} from '../../components/index.js';
import type { Room } from '../../src/index.js';
import { type EngineHarness, makeEngineHarness } from '../contract/engine-harness.js';
import { until } from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const seatLabels = (el: VrRoom) =>
  $<VrSeatGrid>(el, 'vr-seat-grid')?.seatElements.map(
    (seat: VrSeat) => $(seat, 'button.seat')?.getAttribute('aria-label') ?? '',
  ) ?? [];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mountRoom(room: Room): Promise<VrRoom> {
  const el = await fixture<VrRoom>(html`<vr-room .room=${room} style="width:390px;height:760px"></vr-room>`);
  await until(
    () => el.phase === 'live' && seatLabels(el).length > 0 && seatLabels(el)[0] !== '',
    'the live room with its seats',
  );
  return el;
}

describe('<vr-room> on the Tencent backend (RoomEngine double)', () => {
  let h: EngineHarness;
  let owner: Room;
  let listener: Room;
  beforeEach(async () => {
    setLocale('en');
    h = await makeEngineHarness();
    owner = await h.clientWith({ userId: 'ava', userName: 'Ava Chen', avatarUrl: '' }, { microphone: null });
    await owner.start({ roomName: 'Night radio', seatMode: 'apply', seatCount: 8 });
    // The listener's page gets the browser microphone (Chromium's fake device), as a real page would.
    listener = await h.client({ userId: 'ben', userName: 'Ben Ito', avatarUrl: '' });
    await listener.join();
  });
  afterEach(async () => {
    await h.close();
  });

  it('a listener applies from the bottom bar; the owner approves; the listener sits there with the mic on', async () => {
    const el = await mountRoom(listener);
    expect(seatLabels(el)[0]).to.equal('Seat 1, Ava Chen, host');
    $<HTMLButtonElement>(el, '.mic')!.click();
    await until(() => (owner.state.snapshot?.requests.length ?? 0) === 1, 'the owner sees the application');
    expect(
      h.cloud.calls.some((c) => c.userId === 'ben' && c.api === 'takeSeat'),
      'applied through the engine',
    ).to.equal(true);
    await owner.respondRequest(owner.state.snapshot!.requests[0]!.requestId, true);
    await until(
      () => seatLabels(el).some((label) => label.includes('Ben Ito') && label.includes('you')),
      'Ben sees himself seated',
    );
    await until(
      () => h.cloud.calls.some((c) => c.userId === 'ben' && c.api === 'openLocalMicrophone'),
      "the engine opens Ben's microphone",
    );
    await until(() => text($(el, '.mic-label')) === 'Mute', 'the mic button offers Mute');
    await until(
      () => owner.state.snapshot!.seats.some((s) => s.user?.userId === 'ben' && !s.selfMuted),
      'the owner sees Ben seated, not muted',
    );
  });

  it("an owner invitation opens the listener's sheet; Accept seats them on both pages", async () => {
    const el = await mountRoom(listener);
    await owner.inviteToSeat('ben', 4);
    await until(() => {
      const requests = $<VrSeatRequests>(el, 'vr-seat-requests');
      return !!requests?.shadowRoot && $(requests, '.card.invitation') !== null;
    }, 'the invitation card opens');
    const requests = $<VrSeatRequests>(el, 'vr-seat-requests')!;
    const accept = [...requests.shadowRoot!.querySelectorAll('button')].find(
      (b) => b.textContent!.trim() === 'Accept',
    )!;
    accept.click();
    await until(() => seatLabels(el)[4] === 'Seat 5, Ben Ito, you', 'Ben on seat 5 on his page');
    await until(() => owner.state.snapshot?.seats[4]?.user?.userId === 'ben', 'and on the owner page');
    const engineCalls = h.cloud.calls
      .filter((c) => ['takeUserOnSeatByAdmin', 'responseRemoteRequest'].includes(c.api))
      .map((c) => `${c.userId} ${c.api}`);
    expect(engineCalls).to.deep.equal(['ava takeUserOnSeatByAdmin', 'ben responseRemoteRequest']);
  });

  it("the owner's barrage reaches the listener's list", async () => {
    const el = await mountRoom(listener);
    await owner.sendBarrage('welcome, Ben');
    await until(() => {
      const barrage = $(el, 'vr-barrage');
      return !!barrage && text(barrage.shadowRoot!.querySelector('[role="log"]')).includes('welcome, Ben');
    }, 'the message in the barrage');
  });

  it('the gift sheet offers only the host, even with someone else seated; a gift sent there shows on the host page', async () => {
    const cai = await h.clientWith({ userId: 'cai', userName: 'Cai Wu', avatarUrl: '' }, { microphone: null });
    await cai.join();
    expect(h.cloud.rest.pickUserOnSeat(h.roomId, 2, 'cai').ActionStatus).to.equal('OK');
    const el = await mountRoom(listener);
    const hostPage = await mountRoom(owner);
    await until(() => seatLabels(el)[2]?.includes('Cai Wu') ?? false, 'Ben sees Cai seated');

    $<HTMLButtonElement>(el, '.control.gift')!.click();
    await until(() => !!$(el, 'vr-gift-panel')?.shadowRoot, 'the gift sheet opens (and its lazy panel arrived)');
    const panel = $<VrGiftPanel>(el, 'vr-gift-panel')!;
    await until(() => panel.shadowRoot!.querySelectorAll('.gift').length > 0, "the gifts from the cloud's catalog");
    expect(
      panel.receivers.map((u) => u.userId),
      "only the host: Tencent's gifts go to the anchor",
    ).to.deep.equal(['ava']);
    expect(
      [...panel.shadowRoot!.querySelectorAll('.receiver')].map((b) => b.getAttribute('data-user-id')),
    ).to.deep.equal(['ava']);

    panel.giftId = 'rose';
    await panel.updateComplete;
    const send = panel.shadowRoot!.querySelector<HTMLButtonElement>('button.send')!;
    await until(() => !send.disabled, 'the send button is ready (balance known)');
    send.click();
    await until(() => owner.state.snapshot?.gifts.count === 1, "the host's room counts the gift");
    await until(() => {
      const player = $(hostPage, 'vr-gift-player');
      return !!player && text(player.shadowRoot!.querySelector('.banner .sender')) === 'Ben Ito';
    }, "the host page shows Ben's gift");
    expect(h.cloud.calls.filter((c) => c.api === 'sendGift').map((c) => c.userId)).to.deep.equal(['ben']);
    expect(await listener.refreshBalance(), "the wallet was charged by the cloud's pre-verification").to.equal(490);
  });
});
