// The same components on the Tencent backend: <vr-room> in Chromium over the Chat and TRTC doubles (the cloud is
// unreachable here), with a real microphone track from Chromium's fake device handed to TRTC. What a user notices:
// the listener applies from the bottom bar and ends up on the seat with the mic on; an invitation opens the sheet
// and Accept seats them; the barrage reaches the other page.
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import { type VrRoom, type VrSeat, type VrSeatGrid, type VrSeatRequests, setLocale } from '../../components/index.js';
import type { Room } from '../../src/index.js';
import { type TencentHarness, makeTencentHarness } from '../contract/tencent-harness.js';
import { until } from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const seatLabels = (el: VrRoom) => $<VrSeatGrid>(el, 'vr-seat-grid')?.seatElements.map((seat: VrSeat) => $(seat, 'button.seat')?.getAttribute('aria-label') ?? '') ?? [];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mountRoom(room: Room): Promise<VrRoom> {
  const el = await fixture<VrRoom>(html`<vr-room .room=${room} style="width:390px;height:760px"></vr-room>`);
  await until(() => el.phase === 'live' && seatLabels(el).length > 0 && seatLabels(el)[0] !== '', 'the live room with its seats');
  return el;
}

describe('<vr-room> on the Tencent backend (Chat + TRTC doubles)', () => {
  let h: TencentHarness;
  let owner: Room;
  let listener: Room;
  beforeEach(async () => {
    setLocale('en');
    h = await makeTencentHarness();
    owner = await h.clientWith({ userId: 'ava', userName: 'Ava Chen', avatarUrl: '' }, { microphone: null });
    await owner.start({ roomName: 'Night radio', seatMode: 'apply', seatCount: 8 });
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
    expect(h.chatCloud.calls.some((c) => c.user === 'ben' && c.api === 'invite'), 'applied through a signalling invitation').to.equal(true);
    await owner.respondRequest(owner.state.snapshot!.requests[0]!.requestId, true);
    await until(() => seatLabels(el).some((label) => label.includes('Ben Ito') && label.includes('you')), 'Ben sees himself seated');
    await until(() => h.trtcCloud.client('ben')?.publishing === true, 'Ben publishes on TRTC');
    const track = h.trtcCloud.client('ben')!.audioTrack as MediaStreamTrack;
    expect(track.kind, 'the store microphone (Chromium fake device) is what TRTC sends').to.equal('audio');
    await until(() => text($(el, '.mic-label')) === 'Mute', 'the mic button offers Mute');
  });

  it("an owner invitation opens the listener's sheet; Accept seats them on both pages", async () => {
    const el = await mountRoom(listener);
    await owner.inviteToSeat('ben', 4);
    await until(() => {
      const requests = $<VrSeatRequests>(el, 'vr-seat-requests');
      return !!requests && $(requests, '.card.invitation') !== null;
    }, 'the invitation card opens');
    const requests = $<VrSeatRequests>(el, 'vr-seat-requests')!;
    const accept = [...requests.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Accept')!;
    accept.click();
    await until(() => seatLabels(el)[4] === 'Seat 5, Ben Ito, you', 'Ben on seat 5 on his page');
    await until(() => owner.state.snapshot?.seats[4]?.user?.userId === 'ben', 'and on the owner page');
    expect(h.chatCloud.calls.filter((c) => ['invite', 'accept'].includes(c.api)).map((c) => `${c.user} ${c.api}`)).to.deep.equal(['ava invite', 'ben accept']);
  });

  it("the owner's barrage reaches the listener's list", async () => {
    const el = await mountRoom(listener);
    await owner.sendBarrage('welcome, Ben');
    await until(() => {
      const barrage = $(el, 'vr-barrage');
      return !!barrage && text(barrage.shadowRoot!.querySelector('[role="log"]')).includes('welcome, Ben');
    }, 'the message in the barrage');
  });
});
