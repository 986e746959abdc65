// How a `<vr-room>` gives its room to the elements inside it (components/controllers/context.ts, the community
// Context Protocol), and that consumers and providers written with @lit/context speak the same protocol with the
// kit's elements (seat-grid.test.ts has a @lit/context provider feeding the kit's grid).
import { ContextConsumer as LitContextConsumer } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../components/index.js';
import { VrRoom, type VrSeat, roomContext } from '../../components/index.js';
import type { Room } from '../../src/index.js';
import { people, until, useScene } from './helpers.js';

/** Whose client a room is (each room here is another person's): chai would print a whole Room on a failure. */
const whose = (room: Room | undefined) => room?.user.userId ?? 'none';
const seatLabel = (seat: VrSeat) => seat.shadowRoot?.querySelector('button.seat')?.getAttribute('aria-label') ?? '';

/** A page's own element that takes the room from `<vr-room>` with @lit/context, as a third party would. */
class PageRoomConsumer extends LitElement {
  readonly following = new LitContextConsumer(this, { context: roomContext, subscribe: true });
  readonly once = new LitContextConsumer(this, { context: roomContext });
  /** Typed through `roomContext`, as @lit/context's keys are. */
  get room(): Room | undefined {
    return this.following.value;
  }
}
customElements.define('test-page-room-consumer', PageRoomConsumer);

let lateTags = 0;
/** A tag for `<vr-room>`'s class that is not defined yet: its elements upgrade when `define()` is called. */
function lateRoom(): { tag: string; define: () => void } {
  const tag = `test-late-room-${++lateTags}`;
  return { tag, define: () => customElements.define(tag, class extends VrRoom {}) };
}

describe('the room context', () => {
  const s = useScene();

  it('gives an element the room of the nearest <vr-room>, follows .room, follows a move, and stops when it leaves', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    const first = await fixture<VrRoom>(html`<vr-room .room=${s.host}><vr-seat index="0"></vr-seat></vr-room>`);
    const second = await fixture<VrRoom>(html`<vr-room .room=${ben}></vr-room>`);
    const seat = first.querySelector('vr-seat')!;
    await until(() => seatLabel(seat) === 'Seat 1, Ava Chen, host, you', "Ava's room");
    first.room = cleo;
    await until(() => seat.activeRoom === cleo && seatLabel(seat) === 'Seat 1, Ava Chen, host', "Cleo's room");
    await until(() => !s.host.observed, "nothing holds Ava's room any more");

    second.append(seat);
    await until(() => seat.activeRoom === ben, 'the room it was moved under');
    first.room = s.host;
    await first.updateComplete;
    expect(whose(seat.activeRoom), 'no longer the first <vr-room>').to.equal('ben');

    seat.remove();
    second.room = cleo;
    await until(() => !ben.observed, "the second <vr-room> and what it renders let go of Ben's room");
    expect(whose(seat.activeRoom), 'off the page: no new room').to.equal('ben');

    // Back on the page with no <vr-room> above: no room, not the one it had.
    document.body.append(seat);
    try {
      await seat.updateComplete;
      expect(whose(seat.activeRoom)).to.equal('none');
      expect(ben.observed).to.equal(false);
    } finally {
      seat.remove();
    }
  });

  it('reaches elements connected before their <vr-room> is defined (a late provider)', async () => {
    const late = lateRoom();
    const container = await fixture<HTMLElement>(html`<div></div>`);
    container.innerHTML = `<${late.tag}><vr-seat index="0"></vr-seat></${late.tag}>`;
    const room = container.firstElementChild as VrRoom;
    room.room = s.host;
    const seat = room.querySelector('vr-seat')!;
    await seat.updateComplete;
    expect(whose(seat.activeRoom), 'nothing provides yet').to.equal('none');
    late.define();
    await until(() => seatLabel(seat) === 'Seat 1, Ava Chen, host, you', 'the room once its provider is defined');
    expect(whose(seat.activeRoom)).to.equal('ava');
  });

  it('gives elements in nested rooms the nearest one, also when the inner one is defined late', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    const outer = await fixture<VrRoom>(html`<vr-room .room=${s.host}>
      <vr-room><vr-seat index="0"></vr-seat></vr-room>
      <vr-seat index="0"></vr-seat>
    </vr-room>`);
    const inner = outer.querySelector('vr-room')!;
    const [innerSeat, outerSeat] = [...outer.querySelectorAll('vr-seat')] as [VrSeat, VrSeat];
    await until(() => innerSeat.activeRoom === s.host, 'an inner <vr-room> without .room passes the outer room on');
    inner.room = ben;
    await until(() => innerSeat.activeRoom === ben, 'the inner room');
    expect(whose(outerSeat.activeRoom)).to.equal('ava');
    outer.room = cleo;
    await until(() => outerSeat.activeRoom === cleo, 'the outer room changed');
    await inner.updateComplete;
    expect(whose(innerSeat.activeRoom), 'the inner room still').to.equal('ben');
    inner.room = undefined;
    await until(() => innerSeat.activeRoom === cleo, 'the outer room again, through the inner <vr-room>');

    // The inner <vr-room> defined after its content connected: the outer one hands that content over.
    const late = lateRoom();
    const lateInner = document.createElement(late.tag) as VrRoom;
    lateInner.room = ben;
    const lateSeat = lateInner.appendChild(document.createElement('vr-seat'));
    outer.append(lateInner);
    await until(() => lateSeat.activeRoom === cleo, 'the outer room while the inner one is undefined');
    late.define();
    await until(() => lateSeat.activeRoom === ben, 'the inner room once it is defined');
    outer.room = s.host;
    await until(() => outerSeat.activeRoom === s.host, 'the outer room changed again');
    await lateSeat.updateComplete;
    expect(whose(lateSeat.activeRoom), 'the outer room let go of what it handed over').to.equal('ben');
    await until(() => seatLabel(lateSeat) === 'Seat 1, Ava Chen, host', "the seat as Ben's room shows it");
  });

  it('gives the room to a page element that asks with @lit/context and roomContext', async () => {
    const ben = await s.join(people.ben);
    const room = await fixture<VrRoom>(
      html`<vr-room .room=${s.host}><test-page-room-consumer></test-page-room-consumer></vr-room>`,
    );
    const consumer = room.querySelector<PageRoomConsumer>('test-page-room-consumer')!;
    await until(() => consumer.room === s.host, 'the room through @lit/context');
    expect(whose(consumer.once.value)).to.equal('ava');
    room.room = ben;
    await until(() => consumer.room === ben, 'a subscribing consumer follows .room');
    expect(whose(consumer.once.value), 'one without subscribe keeps its first value').to.equal('ava');
    consumer.remove();
    room.room = s.host;
    await room.updateComplete;
    expect(whose(consumer.room), 'gone from the page: unsubscribed').to.equal('ben');
  });
});
