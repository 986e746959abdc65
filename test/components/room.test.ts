import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import { VrRoom, type VrSeat, type VrSeatGrid, errorText, setLocale } from '../../components/index.js';
import { createMemoryBackend } from '../../src/backends/memory/index.js';
import type { MemoryMedia } from '../../src/backends/memory/memory-media.js';
import { Subject, merge } from 'rxjs';
import { type BackendEvent, ErrorCode, type Room, type RoomBackend, RoomError, createRoom } from '../../src/index.js';
import {
  ROOM_ID,
  type SceneHandle,
  gatedBackend,
  people,
  until,
  useScene,
  expectNoSubscriptionLeft,
} from './helpers.js';
import { NOTE_VISIBLE_MS } from '../../components/room/notes.js';
import { expectAccessible } from './accessible.js';

const $ = <T extends Element = HTMLElement>(el: VrRoom, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const micLabel = (el: VrRoom) => text($(el, '.mic-label'));
const grid = (el: VrRoom) => $<VrSeatGrid>(el, 'vr-seat-grid')!;
const seatLabel = (seat: VrSeat) => seat.shadowRoot!.querySelector('button.seat')?.getAttribute('aria-label') ?? '';
const seatLabels = (el: VrRoom) => grid(el)?.seatElements.map(seatLabel) ?? [];
const click = (el: VrRoom, selector: string) => $(el, selector)!.click();
/** A notice's content and the end confirmation's come with a chunk of their own (components/room/notices.ts). */
const noticeReady = (el: VrRoom) => until(() => $(el, '.notice h2') !== null, "the notice's content");
const confirmReady = (el: VrRoom) =>
  until(
    () => $<HTMLDialogElement>(el, 'dialog.confirm')?.open === true && $(el, 'dialog.confirm h2') !== null,
    'the confirmation',
  );

async function mountRoom(
  room: Room,
  size: { width: number; height: number } = { width: 390, height: 760 },
): Promise<VrRoom> {
  const el = await fixture<VrRoom>(
    html`<vr-room .room=${room} style=${`width:${size.width}px;height:${size.height}px`}></vr-room>`,
  );
  await until(
    () => el.phase === 'live' && seatLabels(el).length > 0 && seatLabels(el)[0] !== '',
    'the live room with its seats',
  );
  return el;
}

/** A memory backend that fails one command type with `code` (while `failing`). */
function failing(s: SceneHandle, type: string, code: ErrorCode): RoomBackend {
  const inner = createMemoryBackend({ server: s.server });
  return {
    kind: 'failing',
    events$: inner.events$,
    connect: (user) => inner.connect(user),
    close: () => inner.close(),
    send: ((t: string, args: never) =>
      t === type ? Promise.reject(new RoomError(code)) : inner.send(t as never, args)) as RoomBackend['send'],
  };
}

/**
 * Stands in for a lazy chunk's importer: the first fetch (the idle one) fails when the test calls `failIdle()`, the
 * next `failing` fetches fail at once, and the rest wait for `arrive()`. `calls` counts the fetches.
 */
function gatedImport<M>(importer: () => Promise<M>, failing = 0) {
  const failure = () => new TypeError('Failed to fetch dynamically imported module');
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const gate = {
    calls: 0,
    failIdle: () => {},
    arrive,
    import: (): Promise<M> => {
      gate.calls += 1;
      if (gate.calls === 1) return new Promise((_, reject) => (gate.failIdle = () => reject(failure())));
      return gate.calls <= 1 + failing ? Promise.reject(failure()) : arrived.then(importer);
    },
  };
  return gate;
}

/** Counts each element's renders (Lit `updated` calls) from now on. */
function countRenders(elements: readonly Element[]): () => number[] {
  const counts = elements.map(() => 0);
  elements.forEach((element, i) => {
    const host = element as unknown as { updated(changed: unknown): void };
    const original = host.updated.bind(element);
    host.updated = (changed) => {
      counts[i]! += 1;
      original(changed);
    };
  });
  return () => [...counts];
}

/**
 * Every computed property (custom properties aside) of every element in a seat's shadow tree and of their ::before
 * and ::after, as a page would see it with transitions at their end and running animations held still.
 */
function seatStyles(seat: VrSeat): Map<string, string> {
  const values = new Map<string, string>();
  const elements = [...seat.shadowRoot!.querySelectorAll<HTMLElement>('*')];
  for (const element of elements) {
    for (const animation of element.getAnimations({ subtree: true })) {
      if (animation instanceof CSSTransition) animation.finish();
      else animation.pause();
    }
  }
  elements.forEach((element, i) => {
    for (const pseudo of ['', '::before', '::after']) {
      const style = getComputedStyle(element, pseudo || null);
      for (const name of style)
        if (!name.startsWith('--'))
          values.set(`${i} ${element.className}${pseudo} ${name}`, style.getPropertyValue(name));
    }
  });
  return values;
}

/** The properties whose value differs between two `seatStyles` snapshots. */
function changedProperties(before: Map<string, string>, after: Map<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [key, value] of after) if (before.get(key) !== value) changed.add(key.slice(key.lastIndexOf(' ') + 1));
  return changed;
}

describe('<vr-room>', () => {
  const s = useScene();

  it('shows the owner the host view: end button, request queue, mic toggle, and provides the room to the grid', async () => {
    const el = await mountRoom(s.host);
    expect(el.view).to.equal('host');
    expect(el.matches(':state(view-host)') && !el.matches(':state(view-listener)')).to.equal(true);
    expect(el.matches(':state(phase-live)') && el.matches(':state(connection-connected)')).to.equal(true);
    expect(
      el.hasAttribute('view') || el.hasAttribute('phase') || el.hasAttribute('connection'),
      'states, not attributes',
    ).to.equal(false);
    expect($(el, 'button.end')).to.exist;
    expect($(el, 'button.leave')).to.equal(null);
    expect($(el, 'button.requests')).to.exist;
    expect(micLabel(el)).to.equal('Mute');
    expect(seatLabels(el)[0]).to.equal('Seat 1, Ava Chen, host, you');
    for (const tag of ['vr-live-info', 'vr-audience-list', 'vr-barrage', 'vr-like-button', 'vr-gift-player'])
      expect($(el, tag), tag).to.exist;
  });

  it('shows a member the listener view: leave button, take a seat or apply, no request queue', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    expect(el.view).to.equal('listener');
    expect($(el, 'button.leave')).to.exist;
    expect($(el, 'button.end')).to.equal(null);
    expect($(el, 'button.requests')).to.equal(null);
    expect(micLabel(el)).to.equal('Take a seat');
    await s.host.setSeatMode('apply');
    await until(() => micLabel(el) === 'Apply to speak', 'apply wording in apply mode');
    await s.host.setAdmin('ben', true);
    await until(() => el.view === 'host', 'an admin gets the host view');
    await until(() => el.matches(':state(view-host)') && !el.matches(':state(view-listener)'), 'the host view state');
    expect($(el, 'button.requests')).to.exist;
    expect($(el, 'button.leave'), 'admins leave; only the owner ends').to.exist;
  });

  it("counts other clients' applications on the host's badge", async () => {
    await s.restart({ seatMode: 'apply' });
    const el = await mountRoom(s.host);
    const badge = () => text($(el, '.requests .badge'));
    const label = () => text($(el, '.requests .visually-hidden'));
    expect(badge()).to.equal('');
    expect(label()).to.equal('Seat requests');
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    await ben.takeSeat(2);
    await until(() => badge() === '1', 'one application');
    await cleo.takeSeat(3);
    await until(() => badge() === '2', 'two applications');
    expect(label()).to.equal('Seat requests, 2 waiting');
    const first = s.host.state.snapshot!.requests.find((r) => r.from.userId === 'ben')!;
    await s.host.respondRequest(first.requestId, true);
    await until(() => badge() === '1', 'one left after admitting Ben');
    await until(() => seatLabels(el)[2] === 'Seat 3, Ben Ito', 'Ben on the grid');
  });

  it('follows other clients: a new speaker appears, and the owner ending the live shows the ended notice', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    const cleo = await s.join(people.cleo);
    await cleo.takeSeat(3);
    await until(() => seatLabels(el)[3] === 'Seat 4, Cleo', 'Cleo on seat 4');
    await s.host.end();
    await until(() => el.phase === 'ended', 'ended');
    await until(() => el.matches(':state(phase-ended)') && !el.matches(':state(phase-live)'), 'one phase state');
    await noticeReady(el);
    const notice = $(el, '.notice')!;
    expect(notice.getAttribute('data-phase')).to.equal('ended');
    expect(text(notice.querySelector('h2'))).to.equal('This live has ended');
    expect($(el, 'vr-seat-grid')).to.equal(null);
  });

  it('counts down on the ended notice, then asks to leave by itself (unless the page cancels)', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    el.leaveAfterEnd = 2;
    const leave = oneEvent(el, 'vr-room-leave');
    await s.host.end();
    await until(() => el.phase === 'ended', 'ended');
    await until(() => /^Going back to the rooms in [12] s$/.test(text($(el, '.notice-auto'))), 'the countdown');
    expect((await leave).detail).to.deep.equal({ roomId: ROOM_ID, phase: 'ended', auto: true });
    expect($(el, '.notice-auto'), 'the countdown is over').to.equal(null);
  });

  it('keeps the ended notice when the page cancels the automatic leave', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    el.leaveAfterEnd = 1;
    let asked = 0;
    el.addEventListener('vr-room-leave', (e) => {
      asked += 1;
      e.preventDefault();
    });
    await s.host.end();
    await until(() => asked === 1, 'the automatic leave');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(asked, 'asked once, not every second').to.equal(1);
    expect(el.phase).to.equal('ended');
    expect($(el, '.notice button[data-action="leave"]')).to.exist;
  });

  it('says in words why a join failed, with the code only in a detail line, and tries again', async () => {
    const inner = createMemoryBackend({ server: s.server });
    let refusals = 1;
    const backend: RoomBackend = {
      kind: 'refusing-once',
      events$: inner.events$,
      connect: (user) => inner.connect(user),
      close: () => inner.close(),
      send: ((t: string, args: never) =>
        t === 'room.join' && refusals-- > 0
          ? Promise.reject(new RoomError(ErrorCode.ROOM_FULL))
          : inner.send(t as never, args)) as RoomBackend['send'],
    };
    const ben = createRoom({ backend, roomId: ROOM_ID, user: people.ben });
    const el = await fixture<VrRoom>(html`<vr-room .room=${ben} style="width:390px;height:700px"></vr-room>`);
    await ben.join().catch(() => undefined);
    await until(() => el.phase === 'failed', 'the failed phase');
    expect($(el, '.skeleton'), 'no endless skeleton').to.equal(null);
    await noticeReady(el);
    const notice = $(el, '.notice')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(text(notice.querySelector('h2'))).to.equal('This room is full');
    expect(text(notice.querySelector('h2 + p'))).to.equal('Try again in a little while, or pick another room.');
    expect(text($(el, '.notice-detail'))).to.equal(`Details: ${errorText(ErrorCode.ROOM_FULL)} (code 100008)`);
    await expectAccessible(el);
    const retry = oneEvent(el, 'vr-room-retry');
    click(el, '.notice button[data-action="retry"]');
    expect((await retry).detail).to.deep.equal({ roomId: ROOM_ID, code: ErrorCode.ROOM_FULL });
    await until(() => el.phase === 'live' && $(el, 'vr-seat-grid') !== null, 'in the room after trying again');
    el.remove();
    ben.dispose();
    await backend.close();
  });

  it('tells someone who opens a room that has ended so, and offers only the way back (zh-CN too)', async () => {
    const ben = createRoom({ backend: createMemoryBackend({ server: s.server }), roomId: 'gone', user: people.ben });
    const el = await fixture<VrRoom>(html`<vr-room .room=${ben} style="width:390px;height:700px"></vr-room>`);
    await ben.join().catch(() => undefined);
    await until(() => el.phase === 'failed', 'the failed phase');
    await noticeReady(el);
    expect(text($(el, '.notice h2'))).to.equal('This live has ended');
    expect($(el, '.notice button[data-action="retry"]'), 'trying again cannot help').to.equal(null);
    expect(text($(el, '.notice-detail'))).to.contain('(code 100004)');
    await setLocale('zh-CN');
    await until(() => text($(el, '.notice h2')) === '直播已结束', 'Chinese');
    expect(text($(el, '.notice button[data-action="leave"]'))).to.equal('返回房间列表');
    const leave = oneEvent(el, 'vr-room-leave');
    click(el, '.notice button[data-action="leave"]');
    expect((await leave).detail).to.deep.equal({ roomId: 'gone', phase: 'failed' });
    el.remove();
    ben.dispose();
    await ben.backend.close();
  });

  it('says when the room is open in another tab of mine, and takes it back only when asked', async () => {
    const inner = createMemoryBackend({ server: s.server });
    const connection = new Subject<BackendEvent>();
    let reconnects = 0;
    const backend: RoomBackend = {
      kind: 'two-tabs',
      events$: merge(inner.events$, connection),
      connect: (user) => inner.connect(user),
      close: () => inner.close(),
      send: ((t: string, args: never) => inner.send(t as never, args)) as RoomBackend['send'],
      async reconnect() {
        reconnects += 1;
        connection.next({ type: 'connection', state: 'connected' });
      },
    };
    const ben = await s.join(people.ben, backend);
    const el = await mountRoom(ben);
    connection.next({ type: 'connection', state: 'disconnected', error: new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE) });
    await until(() => $(el, '.notice[data-phase="displaced"]') !== null, 'the other-tab notice');
    await noticeReady(el);
    expect(text($(el, '.notice h2'))).to.equal('Opened in another tab');
    expect(text($(el, '.banner-region')), 'not a reconnect banner').to.equal('');
    expect($(el, 'vr-seat-grid')).to.equal(null);
    await expectAccessible(el);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reconnects, 'never by itself').to.equal(0);

    let cancel = true;
    el.addEventListener('vr-room-takeover', (e) => cancel && e.preventDefault());
    click(el, '.notice button[data-action="takeover"]');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reconnects, 'a cancelled take-over does nothing').to.equal(0);
    cancel = false;
    const takeover = oneEvent(el, 'vr-room-takeover');
    click(el, '.notice button[data-action="takeover"]');
    expect((await takeover).detail).to.deep.equal({ roomId: ROOM_ID });
    await until(() => $(el, 'vr-seat-grid') !== null, 'the room again');
    expect(reconnects).to.equal(1);
  });

  it('shows when the audio connection failed and is being retried', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    // Drive the memory backend's media as a failing transport would.
    const media = ben.backend.media as MemoryMedia;
    const region = $(el, '.banner-region');
    media.setConnectionState('failed');
    await until(() => text($(el, '.banner-region')) === 'Audio connection lost. Retrying…', 'the audio banner');
    expect($(el, '.banner-region'), 'the same live region, so it announces').to.equal(region);
    media.setConnectionState('connected');
    await until(() => text($(el, '.banner-region')) === '', 'gone once audio is back');
  });

  it('shows a kicked member the removal notice', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    await s.host.kickMember('ben');
    await until(() => el.phase === 'kicked', 'kicked');
    await noticeReady(el);
    expect(text($(el, '.notice h2'))).to.equal('You were removed from the room');
    const leave = oneEvent(el, 'vr-room-leave');
    click(el, '.notice button[data-action="leave"]');
    expect((await leave).detail).to.deep.equal({ roomId: ROOM_ID, phase: 'kicked' });
  });

  it('puts an application in front of the owner, who answers it in place; the applicant hears how it went', async () => {
    await s.restart({ seatMode: 'apply' });
    const host = await mountRoom(s.host);
    const ben = await s.join(people.ben);
    const benView = await mountRoom(ben);
    const prompt = () => $(host, '[part="request-prompt"]');
    const note = (el: VrRoom) => text($(el, '.note-region'));
    expect(prompt()).to.equal(null);

    click(benView, '.mic');
    await until(() => note(benView).startsWith('Request sent'), 'the applicant is told the request went out');
    await until(() => prompt() !== null, 'the owner sees the prompt');
    expect($(host, '.prompt-region')!.getAttribute('role'), 'announced politely').to.equal('status');
    expect(text($(host, '.prompt-title'))).to.equal('Ben Ito wants to speak');
    expect(text($(host, '.prompt-meta'))).to.equal('Wants seat 2');
    expect($(host, '.prompt-timer'), 'its time running out').to.exist;

    const respond = oneEvent(host, 'vr-request-respond');
    click(host, '[part="request-prompt"] [data-action="approve"]');
    expect((await respond).detail).to.include({ userId: 'ben', accept: true });
    await until(() => seatLabels(host)[1] === 'Seat 2, Ben Ito', "Ben seated, on the owner's grid");
    await until(() => note(benView) === 'Your request was approved. You are on the mic.', 'Ben hears he is on');
    await until(() => prompt() === null, 'the prompt goes with the application');

    // Rejected: said so to the applicant, not silence.
    const cleo = await s.join(people.cleo);
    const cleoView = await mountRoom(cleo);
    click(cleoView, '.mic');
    await until(() => prompt() !== null && text($(host, '.prompt-title')) === 'Cleo wants to speak', "Cleo's prompt");
    click(host, '[part="request-prompt"] [data-action="reject"]');
    await until(() => note(cleoView) === 'The host declined your request.', 'Cleo hears the answer');
    expect(micLabel(cleoView)).to.equal('Apply to speak');
  });

  it('tells the applicant an application expired, and hides the prompt until a newer one arrives', async () => {
    await s.restart({ seatMode: 'apply' });
    const host = await mountRoom(s.host);
    const prompt = () => $(host, '[part="request-prompt"]');
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    const benView = await mountRoom(ben);
    await ben.takeSeat(3, { timeoutSec: 1 });
    await until(() => prompt() !== null, 'the prompt');
    await until(() => text($(benView, '.note-region')) === 'Your request timed out.', 'Ben hears it expired');
    await until(() => prompt() === null, 'an expired application leaves the prompt');

    await ben.takeSeat(3);
    await until(() => prompt() !== null, 'Ben again');
    click(host, '.prompt-hide');
    await until(() => prompt() === null, 'hidden');
    await cleo.takeSeat(4);
    await until(() => prompt() !== null, 'a newer application brings it back');
    expect(text($(host, '.prompt-title')), 'the one not yet seen').to.equal('Cleo wants to speak');
    expect(text($(host, '.prompt-meta')), 'Ben still waits behind it').to.equal('Wants seat 5 · +1 more waiting');
    // With the requests sheet open the prompt steps aside: the sheet lists them all.
    host.showSheet('requests');
    await until(() => prompt() === null, 'no prompt over the sheet');
  });

  it("shows an application that came before the prompt's chunk once it is there, and tries a failed fetch again", async () => {
    const importPrompt = VrRoom.importPrompt;
    // The idle fetch fails when the test says so, the due prompt's own fetch then fails at once, the next one waits.
    const gate = gatedImport(importPrompt, 1);
    VrRoom.importPrompt = gate.import;
    try {
      await s.restart({ seatMode: 'apply' });
      const host = await mountRoom(s.host);
      const prompt = () => $(host, '[part="request-prompt"]');
      const badge = () => text($(host, '.requests .badge'));
      await until(() => gate.calls === 1, 'the idle fetch started');
      const ben = await s.join(people.ben);
      await ben.takeSeat(1);
      await until(() => badge() === '1', 'the badge counts Ben at once');
      expect(prompt(), 'no prompt without its chunk').to.equal(null);
      gate.failIdle();
      await until(() => gate.calls === 2, 'the due prompt fetched again when the idle fetch failed');
      // That one failed too: the next application tries once more.
      const cleo = await s.join(people.cleo);
      await cleo.takeSeat(4);
      await until(() => badge() === '2' && gate.calls === 3, "Cleo's application fetched again");
      await host.updateComplete;
      expect(gate.calls, 'one try per change of the queue').to.equal(3);
      expect(prompt()).to.equal(null);
      expect(host.promptedApplication?.from.userId, 'Ben is the one to prompt for').to.equal('ben');
      // Ben is answered elsewhere while the chunk is on its way: it prompts for Cleo alone, never for Ben again.
      await host.respond(host.promptedApplication!, false);
      await until(() => badge() === '1', 'Ben answered');
      gate.arrive();
      await until(() => prompt() !== null, 'the prompt once its chunk is there');
      expect(text($(host, '.prompt-title'))).to.equal('Cleo wants to speak');
      expect(text($(host, '.prompt-meta'))).to.equal('Wants seat 5');
      const respond = oneEvent(host, 'vr-request-respond');
      click(host, '[part="request-prompt"] [data-action="approve"]');
      expect((await respond).detail).to.include({ userId: 'cleo', accept: true });
      await until(() => seatLabels(host)[4] === 'Seat 5, Cleo', "Cleo seated, on the owner's grid");
      await until(() => prompt() === null, 'the prompt goes with the application');
      expect(gate.calls).to.equal(3);
    } finally {
      VrRoom.importPrompt = importPrompt;
    }
  });

  // A host whose one applicant waits must not need a second application for the prompt: the network coming back
  // (the window's `online`, the next press or key) fetches it again, while a failure alone never does.
  it("fetches a failed prompt's chunk again when the network may be back, never in a loop", async () => {
    const importPrompt = VrRoom.importPrompt;
    // The idle fetch fails when the test says so, the due prompt's own fetch and the next one fail at once.
    const gate = gatedImport(importPrompt, 2);
    VrRoom.importPrompt = gate.import;
    try {
      await s.restart({ seatMode: 'apply' });
      const host = await mountRoom(s.host);
      const prompt = () => $(host, '[part="request-prompt"]');
      await until(() => gate.calls === 1, 'the idle fetch started');
      const ben = await s.join(people.ben);
      await ben.takeSeat(1);
      await until(() => host.waitingApplications === 1, 'Ben waits');
      gate.failIdle();
      await until(() => gate.calls === 2, "the due prompt's own fetch, which fails");
      await new Promise((resolve) => setTimeout(resolve, 300));
      await host.updateComplete;
      expect(gate.calls, 'a failure alone asks for nothing').to.equal(2);
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      await until(() => gate.calls === 3, 'the next press asks again');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(gate.calls, 'and fails: still no loop').to.equal(3);
      expect(prompt()).to.equal(null);
      window.dispatchEvent(new Event('online'));
      await until(() => gate.calls === 4, 'back online: asked again');
      gate.arrive();
      await until(() => prompt() !== null, 'the prompt for Ben, with no other application');
      expect(text($(host, '.prompt-title'))).to.equal('Ben Ito wants to speak');
    } finally {
      VrRoom.importPrompt = importPrompt;
    }
  });

  it("leaves the prompt's chunk to the host view: a listener fetches it once made an admin", async () => {
    const { importNotices, importPrompt } = VrRoom;
    let prompts = 0;
    let notices = 0;
    VrRoom.importPrompt = () => {
      prompts += 1;
      return importPrompt();
    };
    VrRoom.importNotices = () => {
      notices += 1;
      return importNotices();
    };
    try {
      const ben = await s.join(people.ben);
      const el = await mountRoom(ben);
      // The notices' idle fetch ran, and the idle time after it: the prompt's would have been due by then.
      await until(() => notices === 1, "the notices' idle fetch");
      await new Promise((resolve) => requestIdleCallback(resolve));
      await el.updateComplete;
      expect(prompts, 'a listener never fetches the prompt').to.equal(0);
      await s.host.setAdmin('ben', true);
      await until(() => el.view === 'host', 'the host view');
      await until(() => prompts === 1, "the prompt's chunk, when the browser is idle");
    } finally {
      Object.assign(VrRoom, { importNotices, importPrompt });
    }
  });

  it('tells a speaker taken off the mic what happened, in the toast and in the barrage', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    await ben.takeSeat(2);
    const benView = await mountRoom(ben);
    const cleoView = await mountRoom(cleo);
    const barrageNotices = (el: VrRoom) =>
      [...$(el, 'vr-barrage')!.shadowRoot!.querySelectorAll('li.notice')].map((n) =>
        n.textContent!.replace(/\s+/g, ' ').trim(),
      );
    await s.host.kickSeat('ben');
    await until(() => text($(benView, '.note-region')) === 'A host took you off seat 3.', "Ben's toast");
    await until(() => barrageNotices(benView).some((n) => n.includes('You were removed from seat 3')), "Ben's barrage");
    await until(
      () => barrageNotices(cleoView).some((n) => n.includes('Ben Ito was removed from seat 3')),
      'what others read',
    );
    expect(barrageNotices(cleoView).join(' | '), 'not "left the seat"').not.to.contain('Ben Ito left the seat');
    expect(benView.phase, 'still in the room').to.equal('live');
  });

  it('shows a note that came before its chunk once it is there; a failed fetch is tried again by the note', async () => {
    const importNotes = VrRoom.importNotes;
    // The idle fetch fails when the test says so; the note's own fetch waits until the test lets it through.
    const gate = gatedImport(importNotes);
    VrRoom.importNotes = gate.import;
    try {
      await s.host.setSeatMode('apply');
      const ben = await s.join(people.ben);
      const el = await mountRoom(ben);
      const note = () => text($(el, '.note-region'));
      await until(() => gate.calls === 1, 'the idle fetch started');
      click(el, '.mic');
      await until(() => micLabel(el) === 'Cancel application', 'the room goes on: applied');
      expect(note(), 'no note without its chunk').to.equal('');
      gate.failIdle();
      await until(() => gate.calls === 2, 'the due note fetched again when the idle fetch failed');
      expect(note()).to.equal('');
      gate.arrive();
      await until(() => note().startsWith('Request sent'), 'the note once its chunk is there');
      expect($(el, '.note')!.getAttribute('data-tone')).to.equal('neutral');
      // Its words come with it, and so do those of the next note.
      await s.host.respondRequest(s.host.state.snapshot!.requests[0]!.requestId, false);
      await until(() => note() === 'The host declined your request.', 'the next note, at once');
      expect(gate.calls).to.equal(2);
    } finally {
      VrRoom.importNotes = importNotes;
    }
  });

  // A note whose chunk failed waits (even past its time) for the network to come back, not for the next note.
  it("shows a note whose chunk failed once the network is back, even after the note's time", async () => {
    const importNotes = VrRoom.importNotes;
    // The idle fetch fails when the test says so, the note's own fetch fails at once, the next one waits.
    const gate = gatedImport(importNotes, 1);
    VrRoom.importNotes = gate.import;
    try {
      await s.host.setSeatMode('apply');
      const ben = await s.join(people.ben);
      const el = await mountRoom(ben);
      const note = () => text($(el, '.note-region'));
      await until(() => gate.calls === 1, 'the idle fetch started');
      click(el, '.mic');
      await until(() => micLabel(el) === 'Cancel application', 'applied: a note is due');
      gate.failIdle();
      await until(() => gate.calls === 2, "the note's own fetch, which fails");
      // Longer than the note would have shown: it is still the note to show (no newer one came).
      await new Promise((resolve) => setTimeout(resolve, NOTE_VISIBLE_MS + 300));
      expect(gate.calls, 'a failure alone asks for nothing').to.equal(2);
      expect(note()).to.equal('');
      await sendKeys({ press: 'Shift' });
      await until(() => gate.calls === 3, 'the next key asks again');
      gate.arrive();
      await until(() => note().startsWith('Request sent'), 'the note that waited, once its chunk is there');
    } finally {
      VrRoom.importNotes = importNotes;
    }
  });

  it("shows no note of the last room when the notes' chunk arrives after a switch", async () => {
    const importNotes = VrRoom.importNotes;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrRoom.importNotes = () => arrived.then(importNotes);
    try {
      await s.host.setSeatMode('apply');
      const ben = await s.join(people.ben);
      const cleo = await s.join(people.cleo);
      const el = await mountRoom(ben);
      const note = () => text($(el, '.note-region'));
      click(el, '.mic');
      await until(() => micLabel(el) === 'Cancel application', 'applied: a note is due');
      expect(note(), 'no note without its chunk').to.equal('');
      el.room = cleo;
      await until(() => micLabel(el) === 'Apply to speak', "Cleo's room");
      arrive();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await el.updateComplete;
      expect(note(), "Ben's note is not Cleo's").to.equal('');
      click(el, '.mic');
      await until(() => note().startsWith('Request sent'), "Cleo's own note, the chunk being there");
    } finally {
      VrRoom.importNotes = importNotes;
    }
  });

  it('takes a seat from the bottom bar, then mutes and unmutes; each intent is cancelable', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    const block = (event: Event) => event.preventDefault();
    el.addEventListener('vr-seat-take', block);
    click(el, '.mic');
    await new Promise((r) => setTimeout(r, 50));
    expect(
      ben.state.snapshot!.seats.some((seat) => seat.user?.userId === 'ben'),
      'prevented take',
    ).to.equal(false);
    el.removeEventListener('vr-seat-take', block);
    const take = oneEvent(el, 'vr-seat-take');
    click(el, '.mic');
    expect((await take).detail).to.deep.equal({ index: 1, apply: false });
    await until(() => micLabel(el) === 'Mute', 'seated, mic on');
    expect(s.host.state.snapshot!.seats[1]!.user?.userId).to.equal('ben');

    el.addEventListener('vr-mic-mute', block);
    click(el, '.mic');
    await new Promise((r) => setTimeout(r, 50));
    expect(ben.state.snapshot!.seats[1]!.selfMuted, 'prevented mute').to.equal(false);
    el.removeEventListener('vr-mic-mute', block);
    const mute = oneEvent(el, 'vr-mic-mute');
    click(el, '.mic');
    expect((await mute).detail).to.deep.equal({ muted: true, seatIndex: 1 });
    await until(() => micLabel(el) === 'Unmute', 'muted');
    await until(() => s.host.state.snapshot!.seats[1]!.selfMuted, 'the host sees Ben muted');
    click(el, '.mic');
    await until(() => micLabel(el) === 'Mute', 'unmuted');
    await s.host.lockSeatAudio(1, true);
    await until(() => micLabel(el) === 'Mic locked', 'seat audio lock');
    expect($<HTMLButtonElement>(el, '.mic')!.disabled).to.equal(true);
  });

  it('applies and cancels from the bottom bar in apply mode', async () => {
    await s.host.setSeatMode('apply');
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    click(el, '.mic');
    await until(() => micLabel(el) === 'Cancel application', 'applied');
    const cancel = oneEvent(el, 'vr-request-cancel');
    click(el, '.mic');
    await cancel;
    await until(() => micLabel(el) === 'Apply to speak', 'withdrawn');
    expect(s.host.state.snapshot!.requests.filter((r) => r.status === 'pending')).to.have.length(0);
  });

  it('a prevented leave keeps me in the room; otherwise I leave and see the notice', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    const total = () => s.host.state.snapshot!.audience.total;
    const before = total();
    const block = (event: Event) => event.preventDefault();
    el.addEventListener('vr-room-leave', block);
    click(el, 'button.leave');
    await new Promise((r) => setTimeout(r, 50));
    expect(el.phase).to.equal('live');
    expect(total()).to.equal(before);
    el.removeEventListener('vr-room-leave', block);
    const leave = oneEvent(el, 'vr-room-leave');
    click(el, 'button.leave');
    expect((await leave).detail).to.deep.equal({ roomId: ROOM_ID, phase: 'live' });
    await until(() => el.phase === 'left', 'left');
    await noticeReady(el);
    expect(text($(el, '.notice h2'))).to.equal('You left the room');
    await until(() => total() === before - 1, 'the host counts one fewer');
  });

  it('shows a notice on a spinner until its content arrives; a failed fetch offers to try again and the way back', async () => {
    const importNotices = VrRoom.importNotices;
    let fetches = 0;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    // The first fetch (the idle prefetch, or the notice's) fails; the second waits until the test lets it through.
    VrRoom.importNotices = () => {
      fetches++;
      return fetches === 1
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : arrived.then(importNotices);
    };
    try {
      const ben = await s.join(people.ben);
      const el = await mountRoom(ben);
      await s.host.kickMember('ben');
      await until(() => el.phase === 'kicked', 'kicked');
      const notice = () => $(el, '.notice[data-phase="kicked"]')!;
      expect(notice().getAttribute('role'), 'the alert is there at once').to.equal('alert');
      if (fetches === 1) {
        await until(() => $(el, '.notice button[data-action="reload"]') !== null, 'the failure, with a way out');
        expect(text(notice())).to.contain(errorText(ErrorCode.UNKNOWN));
        expect($(el, '.notice button[data-action="leave"]'), 'and the way back').to.exist;
        click(el, '.notice button[data-action="reload"]');
      }
      await until(() => fetches === 2 && $(el, '.notice .spinner') !== null, 'a spinner while it is on its way');
      expect(notice().getAttribute('aria-busy')).to.equal('true');
      arrive();
      await noticeReady(el);
      expect(text($(el, '.notice h2'))).to.equal('You were removed from the room');
      expect(notice().getAttribute('aria-busy')).to.equal('false');
    } finally {
      VrRoom.importNotices = importNotices;
    }
  });

  it('opens an end confirmation asked for before its chunk once it is there, on "Cancel"; a failed fetch says so', async () => {
    const importNotices = VrRoom.importNotices;
    let fail = true;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrRoom.importNotices = () =>
      fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : arrived.then(importNotices);
    try {
      const el = await mountRoom(s.host);
      const end = () => $<HTMLButtonElement>(el, 'button.end')!;
      click(el, 'button.end');
      await until(
        () => text($(el, '.toast-stack')).includes(errorText(ErrorCode.UNKNOWN)),
        "the failure in the room's toast",
      );
      expect($(el, 'dialog.confirm'), 'nothing opened').to.equal(null);
      expect(end().getAttribute('aria-busy')).to.equal('false');
      fail = false;
      end().focus();
      click(el, 'button.end');
      await until(
        () => end().getAttribute('aria-busy') === 'true',
        'the button busy while the confirmation is on its way',
      );
      expect(end().disabled, 'busy, still focusable').to.equal(false);
      expect(end().querySelector('.spinner')).to.exist;
      await expectAccessible(el);
      arrive();
      await confirmReady(el);
      await until(() => el.shadowRoot!.activeElement?.textContent?.trim() === 'Cancel', 'focus on Cancel');
      expect(end().getAttribute('aria-busy')).to.equal('false');
      (el.shadowRoot!.activeElement as HTMLButtonElement).click();
      await until(() => el.shadowRoot!.activeElement === end(), 'focus back on the end button once closed');
      expect(el.phase).to.equal('live');
    } finally {
      VrRoom.importNotices = importNotices;
    }
  });

  it('drops a confirmation with the failure when the idle fetch it waited for fails', async () => {
    const importNotices = VrRoom.importNotices;
    let calls = 0;
    let fail!: () => void;
    VrRoom.importNotices = () => {
      calls += 1;
      return calls === 1
        ? new Promise(
            (_, reject) => (fail = () => reject(new TypeError('Failed to fetch dynamically imported module'))),
          )
        : importNotices();
    };
    try {
      const el = await mountRoom(s.host);
      const end = () => $<HTMLButtonElement>(el, 'button.end')!;
      await until(() => calls === 1, 'the idle fetch started');
      click(el, 'button.end');
      await until(() => end().getAttribute('aria-busy') === 'true', 'busy: it waits for that fetch');
      fail();
      await until(
        () =>
          end().getAttribute('aria-busy') === 'false' &&
          text($(el, '.toast-stack')).includes(errorText(ErrorCode.UNKNOWN)),
        "given up, with the failure in the room's toast",
      );
      expect($(el, 'dialog.confirm')).to.equal(null);
      click(el, 'button.end');
      await confirmReady(el);
      expect(calls, 'the next confirmation fetched again').to.equal(2);
    } finally {
      VrRoom.importNotices = importNotices;
    }
  });

  // The test above counts fetches page-wide: a room removed by an earlier test with an update pending used to
  // schedule its idle fetch after it left, and on a loaded machine that fetch came in the middle of the next test.
  it('fetches nothing when idle once it is off the page, even with an update pending as it left', async () => {
    const importNotices = VrRoom.importNotices;
    let calls = 0;
    VrRoom.importNotices = () => {
      calls += 1;
      return new Promise<never>(() => {});
    };
    try {
      const el = await mountRoom(s.host);
      const before = calls;
      el.requestUpdate();
      el.remove();
      await el.updateComplete;
      for (let i = 0; i < 3; i += 1) await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 }));
      expect(calls - before, 'fetches after it left').to.equal(0);
    } finally {
      VrRoom.importNotices = importNotices;
    }
  });

  it('ends the live only after the owner confirms, and a prevented end keeps it live', async () => {
    const ben = await s.join(people.ben);
    const listener = await mountRoom(ben);
    const el = await mountRoom(s.host);
    const dialog = () => $<HTMLDialogElement>(el, 'dialog.confirm')!;
    click(el, 'button.end');
    await confirmReady(el);
    expect(text(dialog().querySelector('h2'))).to.equal('End the live?');
    (dialog().querySelector('button.secondary') as HTMLButtonElement).click();
    await until(() => !dialog().open, 'cancelled');
    expect(el.phase).to.equal('live');

    const block = (event: Event) => event.preventDefault();
    el.addEventListener('vr-room-end', block);
    click(el, 'button.end');
    await until(() => dialog().open, 'open again');
    (dialog().querySelector('button[data-action="end"]') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 50));
    expect(s.host.state.phase).to.equal('live');
    el.removeEventListener('vr-room-end', block);

    click(el, 'button.end');
    await until(() => dialog().open, 'open a third time');
    const end = oneEvent(el, 'vr-room-end');
    (dialog().querySelector('button[data-action="end"]') as HTMLButtonElement).click();
    expect((await end).detail).to.deep.equal({ roomId: ROOM_ID });
    await until(() => el.phase === 'ended' && listener.phase === 'ended', 'ended for both');
    await noticeReady(el);
    expect(text($(el, '.notice h2'))).to.equal('You ended the live');
  });

  it('shows a pending command on the button and a failed one as an alert', async () => {
    const gated = gatedBackend(s.server);
    const ben = await s.join(people.ben, gated);
    await ben.takeSeat(1);
    const el = await mountRoom(ben);
    gated.hold();
    click(el, '.mic');
    await until(() => $(el, '.mic')!.getAttribute('aria-busy') === 'true', 'busy');
    expect($<HTMLButtonElement>(el, '.mic')!.disabled).to.equal(true);
    gated.release();
    await until(() => $(el, '.mic')!.getAttribute('aria-busy') === 'false' && micLabel(el) === 'Unmute', 'done');

    const cleo = await s.join(people.cleo, failing(s, 'seat.take', ErrorCode.SEAT_LOCKED));
    const other = await mountRoom(cleo);
    click(other, '.mic');
    await until(() => text($(other, '.toast-region')) !== '', 'the error');
    expect(text($(other, '.toast-region'))).to.equal(errorText(ErrorCode.SEAT_LOCKED));
    expect($(other, '.toast-region')!.getAttribute('role')).to.equal('alert');
    click(other, '.toast-dismiss');
    await until(() => text($(other, '.toast-region')) === '', 'dismissed');
  });

  it('shows a skeleton while joining, then the room', async () => {
    const ben = createRoom({ backend: createMemoryBackend({ server: s.server }), roomId: ROOM_ID, user: people.ben });
    const el = await fixture<VrRoom>(html`<vr-room .room=${ben} style="width:390px;height:700px"></vr-room>`);
    const skeleton = $(el, '.skeleton')!;
    expect(skeleton.getAttribute('aria-busy')).to.equal('true');
    expect(text(skeleton)).to.equal('Joining the room…');
    const joined = ben.join();
    await until(() => el.phase === 'joining' || el.phase === 'live', 'joining');
    await joined;
    await until(() => $(el, '.skeleton') === null && $(el, 'vr-seat-grid') !== null, 'live');
    el.remove();
    ben.dispose();
    await ben.backend.close();
  });

  it('shows a reconnecting banner while the connection is down', async () => {
    const backend = createMemoryBackend({ server: s.server });
    const ben = await s.join(people.ben, backend);
    const el = await mountRoom(ben);
    // The live region stays the same element: one made and filled at once is not announced.
    const region = $(el, '.banner-region');
    expect(text(region)).to.equal('');
    backend.drop();
    await until(() => el.connection === 'reconnecting', 'reconnecting');
    expect(text($(el, '.banner-region'))).to.equal('Connection lost. Reconnecting…');
    expect($(el, '.banner-region'), 'the same live region').to.equal(region);
    expect(el.matches(':state(connection-reconnecting)')).to.equal(true);
    backend.resume();
    await until(() => text($(el, '.banner-region')) === '', 'back');
    expect(el.matches(':state(connection-connected)') && !el.matches(':state(connection-reconnecting)')).to.equal(true);
  });

  it('asks for sound while autoplay is blocked, and lets the voice layer keep the prompt', async () => {
    const el = await mountRoom(s.host);
    expect($(el, '.sound')).to.equal(null);
    el.soundBlocked = true;
    await el.updateComplete;
    expect(el.hasAttribute('sound-blocked')).to.equal(true);
    expect(el.matches(':state(sound-blocked)')).to.equal(true);
    const button = () => $<HTMLButtonElement>(el, '.sound-button')!;
    expect(text(button())).to.equal('Enable sound');
    const keep = (event: Event) => event.preventDefault();
    el.addEventListener('vr-sound-enable', keep, { once: true });
    button().click();
    await el.updateComplete;
    expect(el.soundBlocked).to.equal(true);
    const enable = oneEvent(el, 'vr-sound-enable');
    button().click();
    await enable;
    await el.updateComplete;
    expect(el.hasAttribute('sound-blocked')).to.equal(false);
    expect(el.matches(':state(sound-blocked)')).to.equal(false);
    expect($(el, '.sound')).to.equal(null);
  });

  it('shows what the room says, whatever attributes a page sets on it', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    el.setAttribute('phase', 'ended');
    el.setAttribute('connection', 'reconnecting');
    el.setAttribute('view', 'host');
    await el.updateComplete;
    expect([el.phase, el.connection, el.view]).to.deep.equal(['live', 'connected', 'listener']);
    expect(
      el.matches(':state(phase-live)') &&
        el.matches(':state(connection-connected)') &&
        el.matches(':state(view-listener)'),
    ).to.equal(true);
    expect(
      el.matches(':state(phase-ended)') ||
        el.matches(':state(connection-reconnecting)') ||
        el.matches(':state(view-host)'),
    ).to.equal(false);
    expect($(el, '.notice'), 'no ended notice').to.equal(null);
    expect(text($(el, '.banner-region')), 'no reconnecting banner').to.equal('');
    expect($(el, 'button.end') ?? $(el, 'button.requests'), 'no host controls').to.equal(null);
    expect($(el, 'vr-seat-grid')).to.exist;
  });

  it('opens the request queue for the host and gifts for everyone in a sheet; Escape closes it', async () => {
    const el = await mountRoom(s.host);
    const sheet = () => $<HTMLDialogElement>(el, 'dialog.sheet')!;
    click(el, 'button.requests');
    await until(() => sheet()?.open, 'requests sheet');
    expect(sheet().querySelector('vr-seat-requests')).to.exist;
    expect(sheet().getAttribute('aria-label')).to.equal('Seat requests');
    // One visible "Seat requests" heading: the sheet's; the panel's own title is for screen readers only.
    const requests = sheet().querySelector('vr-seat-requests')!;
    // The panel is lazy (components/base/lazy-elements.ts): the sheet opening fetched it.
    await customElements.whenDefined('vr-seat-requests');
    await (requests as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const visibleTitles = [
      sheet().querySelector('.sheet-head h2')!,
      requests.shadowRoot!.querySelector('.title')!,
    ].filter((node) => node.textContent!.trim() === 'Seat requests' && node.getBoundingClientRect().width > 1);
    expect(visibleTitles.length, 'the heading is shown once').to.equal(1);
    await sendKeys({ press: 'Escape' });
    await until(() => !sheet().open && el.openSheet === null, 'closed by Escape');
    click(el, 'button.gift');
    await until(() => sheet().open, 'gift sheet');
    expect(sheet().querySelector('vr-gift-panel')).to.exist;
    (sheet().querySelector('.sheet-head button') as HTMLButtonElement).click();
    await until(() => !sheet().open, 'closed by its button');
  });

  it('opens a sheet asked for before its chunk once it is there, the button busy; a failed fetch says so', async () => {
    const importNotices = VrRoom.importNotices;
    let calls = 0;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    // The idle fetch and the first press fail; the next press waits until the test lets it through.
    VrRoom.importNotices = () => {
      calls += 1;
      return calls <= 2
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : arrived.then(importNotices);
    };
    try {
      const el = await mountRoom(await s.join(people.ben));
      const gifts = () => $<HTMLButtonElement>(el, 'button.gift')!;
      await until(() => calls === 1, 'the idle fetch (it fails)');
      click(el, 'button.gift');
      await until(() => calls === 2 && el.openSheet === null, 'the press fetched again, and gave up');
      expect(text($(el, '.toast-stack'))).to.contain(errorText(ErrorCode.UNKNOWN));
      expect(gifts().getAttribute('aria-busy')).to.equal('false');
      gifts().focus();
      click(el, 'button.gift');
      await until(() => gifts().getAttribute('aria-busy') === 'true', 'busy while the sheet is on its way');
      expect(el.openSheet).to.equal('gifts');
      expect($(el, 'dialog.sheet')).to.equal(null);
      expect(gifts().querySelector('.spinner')).to.exist;
      arrive();
      await until(() => $<HTMLDialogElement>(el, 'dialog.sheet')?.open === true, 'the sheet once it is there');
      expect($(el, 'dialog.sheet vr-gift-panel')).to.exist;
      expect(gifts().getAttribute('aria-busy')).to.equal('false');
      expect($(el, 'dialog.sheet')!.contains(el.shadowRoot!.activeElement), 'focus in the sheet').to.equal(true);
    } finally {
      VrRoom.importNotices = importNotices;
    }
  });

  it('opens the request sheet for a listener who is invited to a seat', async () => {
    const ben = await s.join(people.ben);
    const el = await mountRoom(ben);
    await s.host.inviteToSeat('ben', 4);
    await until(() => $<HTMLDialogElement>(el, 'dialog.sheet')?.open === true, 'invitation sheet');
    expect(el.openSheet).to.equal('requests');
    expect($(el, 'dialog.sheet vr-seat-requests')).to.exist;
  });

  it('provides the room to slotted elements, and takes theme and locale attributes', async () => {
    const el = await fixture<VrRoom>(html`<vr-room .room=${s.host} theme="dark" style="width:390px;height:700px">
      <vr-seat slot="header" index="0"></vr-seat>
    </vr-room>`);
    const slotted = el.querySelector('vr-seat')!;
    await until(() => seatLabel(slotted) === 'Seat 1, Ava Chen, host, you', 'context reaches slotted content');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    expect(getComputedStyle(el).colorScheme).to.equal('light');
    el.setAttribute('locale', 'zh-CN');
    await until(() => seatLabel(slotted) === '1号麦, Ava Chen, 房主, 我', 'zh-CN');
    setLocale('en');
  });

  it('stacks seats over the barrage on a phone and puts the barrage beside them on a desktop', async () => {
    const phone = await mountRoom(s.host, { width: 390, height: 844 });
    let seats = $(phone, '.seats')!.getBoundingClientRect();
    let barrage = $(phone, '.barrage')!.getBoundingClientRect();
    expect(barrage.top).to.be.at.least(seats.bottom - 1);
    expect(barrage.width).to.be.closeTo(seats.width, 2);
    phone.remove();
    const desktop = await mountRoom(s.host, { width: 1280, height: 800 });
    seats = $(desktop, '.seats')!.getBoundingClientRect();
    barrage = $(desktop, '.barrage')!.getBoundingClientRect();
    expect(barrage.left).to.be.at.least(seats.right - 1);
    expect(barrage.top).to.be.below(seats.bottom);
    const footer = $(desktop, '.footer')!.getBoundingClientRect();
    expect(footer.bottom).to.be.at.most(desktop.getBoundingClientRect().bottom + 1);
  });

  it('lets a level update touch only the speaking ring of its seat: no re-render, only opacity and transform', async () => {
    const ben = await s.join(people.ben);
    await ben.takeSeat(1);
    const el = await mountRoom(s.host);
    await until(() => seatLabels(el)[1]?.startsWith('Seat 2, Ben Ito') === true, 'Ben on seat 2');
    el.levels = { 0: 40, 1: 30 };
    const seats = grid(el).seatElements;
    const [ava, benSeat] = seats as [VrSeat, VrSeat];
    await until(() => ava.matches(':state(speaking)') && benSeat.matches(':state(speaking)'), 'both speaking');
    // <vr-live-info> is left out: its live-duration clock renders it every second whatever the levels do.
    // The bar's elements are lazy (components/index.ts): counted once they are here.
    await until(
      () => ['vr-audience-list', 'vr-like-button'].every((tag) => $(el, tag)?.matches(':defined')),
      'the bar elements defined',
    );
    const shell = [
      el,
      grid(el),
      ...['vr-audience-list', 'vr-barrage', 'vr-like-button', 'vr-gift-player'].map((tag) => $(el, tag)!),
    ];
    const settled = () =>
      Promise.all(
        [...shell, ...seats].map((e) => (e as unknown as { updateComplete: Promise<unknown> }).updateComplete),
      );
    await settled();
    const renders = countRenders([...shell, ...seats]);

    // Ben gets louder, 10× a second in a real room: nothing renders, and his ring changes only what the compositor
    // can animate by itself (no box-shadow, filter or gradient to repaint).
    const before = seatStyles(benSeat);
    for (const level of [45, 60, 80, 95]) {
      el.levels = { 0: 40, 1: level };
      await settled();
    }
    const changed = changedProperties(before, seatStyles(benSeat));
    expect(renders(), 'renders of the room, its regions and the seats').to.deep.equal(renders().map(() => 0));
    expect([...changed], 'the ring follows the level').to.not.be.empty;
    expect(
      [...changed].filter((name) => name !== 'opacity' && name !== 'transform'),
      'properties a level update changed',
    ).to.deep.equal([]);

    // Ben falls silent: his seat re-renders (its label says who speaks), nothing else does.
    el.levels = { 0: 40, 1: 2 };
    await until(() => !benSeat.matches(':state(speaking)'), 'Ben silent');
    await settled();
    expect(seatLabel(benSeat)).to.equal('Seat 2, Ben Ito');
    const counts = renders();
    expect(counts.slice(0, shell.length), 'renders of the room and its regions').to.deep.equal(shell.map(() => 0));
    expect(counts.slice(shell.length), 'renders of the seats').to.deep.equal(
      seats.map((seat) => (seat === benSeat ? 1 : 0)),
    );
  });

  it('is accessible: host view, listener view, confirmation, and notice', async () => {
    const host = await mountRoom(s.host);
    await expectAccessible(host);
    // With an application prompt and a note up.
    await s.host.setSeatMode('apply');
    const cleo = await s.join(people.cleo);
    await cleo.takeSeat(4);
    await until(() => $(host, '[part="request-prompt"]') !== null, 'the prompt');
    await expectAccessible(host);
    click(host, '[part="request-prompt"] [data-action="reject"]');
    await until(() => $(host, '.note') !== null, 'the note');
    await expectAccessible(host);
    click(host, 'button.end');
    await confirmReady(host);
    await expectAccessible(host);
    host.remove();
    const ben = await s.join(people.ben);
    const listener = await mountRoom(ben);
    await expectAccessible(listener);
    await s.host.end();
    await until(() => listener.phase === 'ended', 'ended');
    await noticeReady(listener);
    await expectAccessible(listener);
  });

  it('leaves nothing subscribed after 100 mounts and removals', async function () {
    // 100 whole room screens: seconds on a quiet machine, far more on a loaded one, so its own budget.
    this.timeout(120_000);
    await expectNoSubscriptionLeft(s.host, async () => {
      const el = await fixture<VrRoom>(html`<vr-room .room=${s.host}></vr-room>`);
      await el.updateComplete;
      return el;
    });
  });
});
