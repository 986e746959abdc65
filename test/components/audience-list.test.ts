import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/index.js';
// Lazy in the components entry (loaded on first sight); its own module defines it at once.
import { VrAudienceList } from '../../components/audience-list/audience-list.js';
import { setLocale, visibleRange } from '../../components/index.js';
import { createMemoryBackend } from '../../src/backends/memory/index.js';
import { ErrorCode, errorMessage } from '../../src/index.js';
import type { Answer, Room, RoomBackend, UserInfo } from '../../src/index.js';
import {
  ROOM_ID,
  type SceneHandle,
  gatedBackend,
  people,
  until,
  useScene,
  expectNoSubscriptionLeft,
} from './helpers.js';
import { mapGet } from '../../src/rules/persistent-map.js';
import { windowRows } from '../../components/audience-list/list-window.js';
import { expectAccessible } from './accessible.js';

const $ = (el: VrAudienceList, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const rows = (el: VrAudienceList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="listitem"]')];
const rowNames = (el: VrAudienceList) => rows(el).map((r) => r.querySelector('.name .label')!.textContent!.trim());
const action = (el: VrAudienceList, userId: string, name: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-user="${userId}"] [data-action="${name}"]`);

async function mount(room: Room, props: Partial<VrAudienceList> = {}): Promise<VrAudienceList> {
  const el = await fixture<VrAudienceList>(html`<vr-audience-list .room=${room}></vr-audience-list>`);
  Object.assign(el, props);
  await until(() => $(el, '.total')?.textContent !== '0', 'rendered');
  return el;
}

async function open(el: VrAudienceList): Promise<void> {
  ($(el, '.base') as HTMLButtonElement).click();
  await until(() => $(el, 'dialog')!.hasAttribute('open') && rows(el).length > 0, 'panel with rows');
}

/** Answers the removal dialog with its default (remove, no ban). */
async function confirmKick(el: VrAudienceList): Promise<void> {
  const dialog = () => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog.kick-confirm')!;
  await until(() => dialog().open, 'the removal question');
  dialog().querySelector<HTMLButtonElement>('[data-action="confirm-kick"]')!.click();
}

/** A memory backend whose `audience.list` answers from `count` synthetic members (a room of 10,000 in no time). */
function bigAudienceBackend(scene: SceneHandle, count: number): RoomBackend & { calls: number } {
  const inner = createMemoryBackend({ server: scene.server });
  const members: UserInfo[] = Array.from({ length: count }, (_, i) => ({
    userId: `u${i}`,
    userName: `Listener ${i + 1}`,
    avatarUrl: '',
  }));
  const backend = {
    kind: inner.kind,
    events$: inner.events$,
    calls: 0,
    connect: (user: UserInfo) => inner.connect(user),
    close: () => inner.close(),
    async send(type: string, args: Record<string, unknown>) {
      if (type !== 'audience.list') return inner.send(type as never, args as never);
      backend.calls += 1;
      const from = args.cursor ? Number(args.cursor) : 0;
      const size = Number(args.count ?? 50);
      const page = members.slice(from, from + size);
      const next = from + size < count ? String(from + size) : '';
      return { result: { members: page, next, total: count } } as Answer<'audience.list'>;
    },
  };
  return backend as unknown as RoomBackend & { calls: number };
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** The owner's list over `count` synthetic members (all loaded in one page), open. */
async function bigList(s: SceneHandle, count: number, props: Partial<VrAudienceList> = {}) {
  const backend = bigAudienceBackend(s, count);
  const { createRoom } = await import('../../src/index.js');
  const owner = createRoom({ backend, roomId: ROOM_ID, user: people.ava });
  await owner.start({});
  const el = await mount(owner, { pageSize: count, ...props });
  await open(el);
  await until(() => el.members.length >= count, 'every member loaded');
  const viewport = $(el, '.viewport')!;
  const dispose = async () => {
    owner.dispose();
    await backend.close();
  };
  return { el, viewport, dispose };
}

/** Whether every row the viewport shows is in the DOM at its place (index × row height). */
function visibleRowsInPlace(el: VrAudienceList, viewport: HTMLElement): string | null {
  const height = el.rowHeight;
  const first = Math.floor(viewport.scrollTop / height);
  const last = Math.min(el.members.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / height)) - 1;
  const list = $(el, '[role="list"]');
  if (!list) return 'no list';
  const top = list.getBoundingClientRect().top;
  const placed = new Map(
    rows(el).map((r) => [Number(r.getAttribute('aria-posinset')) - 1, Math.round(r.getBoundingClientRect().top - top)]),
  );
  for (let i = first; i <= last; i += 1)
    if (placed.get(i) !== i * height) return `row ${i + 1} (of rows ${first + 1}–${last + 1}) is at ${placed.get(i)}`;
  return null;
}

async function untilInPlace(el: VrAudienceList, viewport: HTMLElement, what: string): Promise<void> {
  let problem: string | null = null;
  try {
    await until(() => (problem = visibleRowsInPlace(el, viewport)) === null, what);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${problem}`, { cause: error });
  }
}

describe('<vr-audience-list>', () => {
  const s = useScene();

  it('shows the latest entrants and the exact total, kept current by other clients', async () => {
    const el = await mount(s.host);
    expect($(el, '.total')!.textContent).to.equal('1');
    await s.join(people.ben);
    await s.join(people.cleo);
    await until(() => $(el, '.total')!.textContent === '3', 'total follows joins');
    expect(el.shadowRoot!.querySelectorAll('.stack .avatar').length).to.equal(3);
    expect($(el, '.base')!.textContent).to.contain('Audience: 3 in the room');
    const dev = await s.join(people.dev);
    await dev.leave();
    await until(() => $(el, '.total')!.textContent === '3', 'total follows leaves');
  });

  it('puts focus on the panel once it is there (its code arrives with the first open)', async () => {
    const el = await mount(s.host);
    await open(el);
    await until(() => el.shadowRoot!.activeElement !== null, 'focus inside');
    const focused = el.shadowRoot!.activeElement!;
    expect(focused.closest('.panel'), 'in the panel').to.exist;
    expect(focused.matches('.head button'), 'on its first control, the close button, as showModal() chooses').to.equal(
      true,
    );
    expect($(el, '.panel-loading'), 'no spinner left').to.equal(null);
  });

  it('opens on a spinner while its code is on its way; a failed fetch offers "Try again", then the panel works', async () => {
    await s.join(people.ben);
    const importPanel = VrAudienceList.importPanel;
    let fail = true;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrAudienceList.importPanel = () =>
      fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : arrived.then(importPanel);
    try {
      const el = await mount(s.host);
      ($(el, '.base') as HTMLButtonElement).click();
      await until(() => $(el, '.panel-loading [part="alert"] button') !== null, 'the failure is shown');
      expect($(el, 'dialog')!.hasAttribute('open'), 'in the open dialog').to.equal(true);
      expect($(el, '.panel-loading')!.getAttribute('aria-busy')).to.equal('false');
      await expectAccessible(el);
      fail = false;
      // The fetch the element also makes when the browser is idle may be the one that tries again first.
      await until(() => $(el, '.panel-loading button, .panel-loading .spinner') !== null, 'failure or loading');
      $(el, '.panel-loading [part="alert"] button')?.click();
      await until(() => $(el, '.panel-loading .spinner') !== null, 'loading again');
      expect($(el, '.panel-loading')!.getAttribute('aria-busy')).to.equal('true');
      arrive();
      await until(() => rows(el).length === 2, 'the panel with its rows');
      await until(() => el.shadowRoot!.activeElement !== null, 'focus inside');
      expect(el.shadowRoot!.activeElement!.matches('.head button'), 'on its first control').to.equal(true);
    } finally {
      VrAudienceList.importPanel = importPanel;
    }
  });

  it("names its dialog while the panel's code is on its way, by no id only the panel renders", async () => {
    await s.join(people.ben);
    const importPanel = VrAudienceList.importPanel;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrAudienceList.importPanel = () => arrived.then(importPanel);
    const dialog = () => $(el, 'dialog.panel-dialog')!;
    const name = () => {
      const ids = dialog().getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
      for (const id of ids) expect(el.shadowRoot!.getElementById(id), `#${id} is there`).to.not.equal(null);
      const label = ids.map((id) => el.shadowRoot!.getElementById(id)!.textContent!.trim()).join(' ');
      return label || (dialog().getAttribute('aria-label') ?? '');
    };
    const el = await mount(s.host);
    try {
      el.openPanel();
      await until(() => dialog().hasAttribute('open') && $(el, '.panel-loading .spinner') !== null, 'a spinner');
      expect(name(), 'the open dialog has a name while it loads').to.equal('Audience: 2 in the room');
      arrive();
      await until(() => rows(el).length === 2, 'the panel with its rows');
      expect(name(), 'and by its heading once it is there').to.equal('Audience');
      expect(dialog().hasAttribute('aria-label'), 'one name').to.equal(false);
    } finally {
      VrAudienceList.importPanel = importPanel;
    }
  });

  it('takes a search, a page or a removal question asked for before its panel code is there', async () => {
    await s.join(people.ben);
    await s.join(people.cleo);
    const importPanel = VrAudienceList.importPanel;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrAudienceList.importPanel = () => arrived.then(importPanel);
    try {
      const el = await mount(s.host);
      expect(
        el.members.map((u) => u.userId),
        'the latest entrants meanwhile',
      ).to.deep.equal(['cleo', 'ben', 'ava']);
      const searched = el.search('cleo');
      el.openPanel();
      await until(() => $(el, '.panel-loading .spinner') !== null, 'a spinner');
      arrive();
      await searched;
      await until(() => rowNames(el).join() === 'Cleo', 'the search ran once the panel came');
      el.confirmKick(people.cleo);
      await until(() => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog.kick-confirm')?.open === true, 'asked');
    } finally {
      VrAudienceList.importPanel = importPanel;
    }
  });

  it('lists members in a panel and searches the server', async () => {
    await s.join(people.ben);
    await s.join(people.cleo);
    await s.join(people.dev);
    const el = await mount(s.host);
    await open(el);
    expect(rowNames(el)).to.deep.equal(['Dev Patel', 'Cleo', 'Ben Ito', 'Ava Chen']);
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal('4');
    expect(rows(el)[3]!.textContent).to.contain('Host');
    expect(rows(el)[3]!.textContent).to.contain('Seat 1');
    await el.search('ben');
    await until(() => rowNames(el).length === 1, 'search result');
    expect(rowNames(el)).to.deep.equal(['Ben Ito']);
    await el.search('nobody');
    await until(() => rows(el).length === 0, 'no match');
    expect($(el, '.empty')!.textContent).to.contain('No one matches “nobody”');
  });

  it('invites, mutes and removes members with cancelable events', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    const el = await mount(s.host);
    await open(el);
    await until(() => action(el, 'ben', 'invite') !== null, 'row actions');
    expect(action(el, 'ava', 'kick'), 'no actions on myself').to.equal(null);

    const invite = oneEvent(el, 'vr-request-invite');
    action(el, 'ben', 'invite')!.click();
    expect((await invite).detail).to.deep.equal({ userId: 'ben', seatIndex: null });
    await until(
      () => ben.state.snapshot!.requests.some((r) => r.type === 'invite' && r.to?.userId === 'ben'),
      'Ben is invited',
    );
    await until(
      () =>
        rows(el)
          .find((r) => r.dataset.user === 'ben')!
          .textContent!.includes('Invited'),
      'row shows Invited',
    );

    const mute = oneEvent(el, 'vr-member-mute');
    action(el, 'cleo', 'mute')!.click();
    expect((await mute).detail).to.deep.equal({ userId: 'cleo', seconds: 600 });
    await until(() => (s.server.room(ROOM_ID)!.mutes.cleo ?? 0) > Date.now(), 'Cleo muted on the server');
    await until(() => action(el, 'cleo', 'mute')!.getAttribute('aria-pressed') === 'true', 'mute shown');

    const kick = oneEvent(el, 'vr-member-kick');
    action(el, 'cleo', 'kick')!.click();
    await confirmKick(el);
    expect((await kick).detail).to.deep.equal({ userId: 'cleo' });
    await until(() => cleo.state.phase === 'kicked', 'Cleo sees she was removed');
    await until(() => !rowNames(el).includes('Cleo'), 'Cleo leaves the list');
  });

  it('asks before removing someone, and can keep them out: a banned member cannot come straight back', async () => {
    const ben = await s.join(people.ben);
    const cleo = await s.join(people.cleo);
    const el = await mount(s.host);
    await open(el);
    await until(() => action(el, 'ben', 'kick') !== null, 'actions');
    const confirm = () => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog.kick-confirm')!;

    // Cancel: nothing happens.
    action(el, 'ben', 'kick')!.click();
    await until(() => confirm().open, 'the question');
    expect(confirm().getAttribute('role')).to.equal('alertdialog');
    expect(confirm().querySelector('.confirm-title')!.textContent!.trim()).to.equal('Remove Ben Ito from the room?');
    expect(confirm().querySelector('.confirm-text')!.textContent).to.contain('come straight back');
    await expectAccessible(el);
    confirm().querySelector<HTMLButtonElement>('.btn.ghost')!.click();
    await until(() => !confirm().open, 'closed');
    expect(ben.state.phase).to.equal('live');
    expect(mapGet(s.server.room(ROOM_ID)!.members, 'ben')).to.exist;

    // Remove and keep out for a day: gone, and a rejoin is refused as banned.
    action(el, 'ben', 'kick')!.click();
    await until(() => confirm().open, 'asked again');
    const day = [...confirm().querySelectorAll<HTMLInputElement>('input[name="ban"]')].find(
      (r) => r.value === '86400',
    )!;
    day.click();
    const kick = oneEvent(el, 'vr-member-kick');
    confirm().querySelector<HTMLButtonElement>('[data-action="confirm-kick"]')!.click();
    expect((await kick).detail).to.deep.equal({ userId: 'ben', banSeconds: 86_400 });
    await until(() => ben.state.phase === 'banned', 'Ben sees he is banned');
    const until_ = s.server.room(ROOM_ID)!.bans.ben!;
    expect(until_ - Date.now()).to.be.within(86_300_000, 86_400_000);
    const again = await s.join(people.ben).then(
      () => null,
      (error: { code: number }) => error.code,
    );
    expect(again, 'the ban holds').to.equal(ErrorCode.MEMBER_BANNED);

    // Escape closes the question, not the panel.
    action(el, 'cleo', 'kick')!.click();
    await until(() => confirm().open, 'asked about Cleo');
    confirm().dispatchEvent(new Event('cancel', { cancelable: true }));
    confirm().close();
    await until(() => !confirm().open, 'question closed');
    expect($(el, 'dialog.panel-dialog')!.hasAttribute('open'), 'the panel stays').to.equal(true);
    expect(cleo.state.phase).to.equal('live');
  });

  it('does nothing when an action is prevented', async () => {
    await s.join(people.ben);
    const el = await mount(s.host);
    await open(el);
    el.addEventListener('vr-member-kick', (e) => e.preventDefault());
    el.addEventListener('vr-request-invite', (e) => e.preventDefault());
    await until(() => action(el, 'ben', 'kick') !== null, 'actions');
    action(el, 'ben', 'kick')!.click();
    await confirmKick(el);
    expect(await el.invite('ben')).to.equal(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(mapGet(s.server.room(ROOM_ID)!.members, 'ben')).to.exist;
    expect(s.server.room(ROOM_ID)!.requests).to.have.length(0);
    expect(s.host.state.pending).to.deep.equal({});
  });

  it('shows a row action pending, and a failure with its documented message', async () => {
    const backend = gatedBackend(s.server);
    const { createRoom } = await import('../../src/index.js');
    const owner = createRoom({ backend, roomId: ROOM_ID, user: people.ava });
    await owner.start({});
    const ben = await s.join(people.ben);
    const el = await mount(owner);
    await open(el);
    await until(() => action(el, 'ben', 'mute') !== null, 'actions');
    backend.hold();
    const done = el.mute('ben');
    await until(
      () =>
        rows(el)
          .find((r) => r.dataset.user === 'ben')!
          .getAttribute('aria-busy') === 'true',
      'row busy',
    );
    expect(action(el, 'ben', 'mute')!.querySelector('.spinner')).to.exist;
    backend.release();
    expect(await done).to.equal(true);
    await ben.leave();
    expect(await el.kick('ben')).to.equal(false);
    await el.updateComplete;
    const alert = $(el, '[role="alert"] [part="alert"]')!;
    expect(alert.dataset.code).to.equal(String(ErrorCode.NOT_A_MEMBER));
    expect(alert.textContent).to.contain(errorMessage(ErrorCode.NOT_A_MEMBER));
    owner.dispose();
    await backend.close();
  });

  it('scrolls 10,000 members with a bounded number of rows in the DOM, loading pages by cursor', async () => {
    const backend = bigAudienceBackend(s, 10_000);
    const owner = s.host;
    const { createRoom } = await import('../../src/index.js');
    const viewer = createRoom({ backend, roomId: ROOM_ID, user: people.ben });
    await viewer.join();
    const el = await mount(viewer, { pageSize: 2_500 });
    await open(el);
    await until(() => el.members.length >= 2_500, 'first page');
    // Reaching the end of what is loaded asks for the next page by cursor.
    const viewport = $(el, '.viewport')!;
    let maxRows = 0;
    for (let step = 0; step < 40 && el.members.length < 10_002; step += 1) {
      viewport.scrollTop = viewport.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await el.updateComplete;
      await until(() => viewport.getAttribute('aria-busy') === 'false', 'page loaded');
      maxRows = Math.max(maxRows, rows(el).length);
    }
    await until(
      () => el.members.length === 10_002,
      `all pages loaded (have ${el.members.length}, ${backend.calls} calls, busy ${viewport.getAttribute('aria-busy')}, range ${JSON.stringify(el.renderedRange)}, top ${viewport.scrollTop}/${viewport.scrollHeight}/${viewport.clientHeight})`,
    );
    expect(backend.calls).to.equal(4);
    for (const position of [0, 0.25, 0.5, 0.999, 1]) {
      viewport.scrollTop = position * (viewport.scrollHeight - viewport.clientHeight);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await el.updateComplete;
      const rendered = rows(el);
      maxRows = Math.max(maxRows, rendered.length);
      const firstVisible = Math.floor(viewport.scrollTop / el.rowHeight);
      const positions = rendered.map((r) => Number(r.getAttribute('aria-posinset')));
      expect(positions, `row ${firstVisible + 1} is rendered at ${position}`).to.include(
        Math.min(10_002, firstVisible + 1),
      );
    }
    expect(maxRows).to.be.greaterThan(5);
    expect(maxRows, 'row nodes stay bounded').to.be.lessThan(60);
    expect(el.shadowRoot!.querySelectorAll('*').length, 'whole shadow tree stays small').to.be.lessThan(1_000);
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal('10002'); // 10,000 from the pages + the 2 real members the room lists live
    expect($(el, '.foot')!.textContent).to.contain('That’s everyone');
    expect(owner).to.exist;
    viewer.dispose();
    await backend.close();
  });

  it('computes the visible window with overscan', () => {
    expect(visibleRange(0, 480, 60, 10_000, 6)).to.deep.equal({ start: 0, end: 14 });
    expect(visibleRange(6_000, 480, 60, 10_000, 6)).to.deep.equal({ start: 94, end: 114 });
    expect(visibleRange(599_600, 480, 60, 10_000, 6)).to.deep.equal({ start: 9_987, end: 10_000 });
    expect(visibleRange(0, 480, 60, 0, 6)).to.deep.equal({ start: 0, end: 0 });
    // The row holding focus stays rendered outside the window, in list order.
    expect(windowRows({ start: 4, end: 7 }, -1)).to.deep.equal([4, 5, 6]);
    expect(windowRows({ start: 4, end: 7 }, 5)).to.deep.equal([4, 5, 6]);
    expect(windowRows({ start: 4, end: 7 }, 1)).to.deep.equal([1, 4, 5, 6]);
    expect(windowRows({ start: 4, end: 7 }, 9)).to.deep.equal([4, 5, 6, 9]);
  });

  it('shows the right rows after a jump to the bottom and when the list grows (a resized window)', async () => {
    const { el, viewport, dispose } = await bigList(s, 10_000);
    viewport.scrollTop = viewport.scrollHeight;
    await untilInPlace(el, viewport, 'after the jump');
    expect(rows(el).some((r) => r.getAttribute('aria-posinset') === String(el.members.length))).to.equal(true);
    viewport.scrollTop = 300_000;
    await frames();
    el.style.setProperty('--vr-audience-list-height', '900px');
    await until(() => viewport.clientHeight === 900, 'the list grew');
    await untilInPlace(el, viewport, 'after the resize');
    await dispose();
  });

  it('goes back to the top for a new search and when opened again', async () => {
    const { el, viewport, dispose } = await bigList(s, 10_000);
    viewport.scrollTop = 200_000;
    await until(() => rows(el).some((r) => Number(r.getAttribute('aria-posinset')) > 3_000), 'scrolled down');
    await el.search('Listener');
    await until(() => el.members.length >= 10_000, 'search results');
    await frames();
    expect(viewport.scrollTop).to.equal(0);
    await untilInPlace(el, viewport, 'top after search');
    await el.search('');
    await until(() => el.members.length >= 10_000, 'everyone again');
    viewport.scrollTop = 100_000;
    await frames();
    el.closePanel();
    await until(() => !$(el, 'dialog.panel-dialog')!.hasAttribute('open'), 'closed');
    await open(el);
    const again = $(el, '.viewport')!;
    expect(again.scrollTop).to.equal(0);
    await untilInPlace(el, again, 'top after reopening');
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal(String(el.members.length));
    await dispose();
  });

  it('lays rows out right to left', async () => {
    const { el, viewport, dispose } = await bigList(s, 1_000, { dir: 'rtl' });
    await untilInPlace(el, viewport, 'rows in place');
    const list = $(el, '[role="list"]')!.getBoundingClientRect();
    const withActions = rows(el).filter((r) => r.querySelector('.actions'));
    expect(withActions.length).to.be.greaterThan(4);
    for (const row of withActions.slice(0, 5)) {
      const box = row.getBoundingClientRect();
      expect(Math.round(box.left), 'row spans the list').to.equal(Math.round(list.left));
      expect(Math.round(box.right)).to.equal(Math.round(list.right));
      const avatar = row.querySelector('.avatar')!.getBoundingClientRect();
      const actions = row.querySelector('.actions')!.getBoundingClientRect();
      expect(avatar.left, 'avatar at the start (right), actions at the end (left)').to.be.greaterThan(actions.right);
    }
    await dispose();
  });

  it('keeps keyboard focus on a row action when its row scrolls out and back', async () => {
    const { el, viewport, dispose } = await bigList(s, 10_000);
    await until(() => action(el, 'u3', 'mute') !== null, 'row actions');
    action(el, 'u3', 'mute')!.focus();
    viewport.scrollTop = 300_000;
    await untilInPlace(el, viewport, 'far down');
    await frames();
    const held = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(held?.closest<HTMLElement>('[data-user]')?.dataset.user, 'focus held while out of view').to.equal('u3');
    expect(rows(el).length, 'one row beyond the window').to.be.lessThan(60);
    viewport.scrollTop = 0;
    await untilInPlace(el, viewport, 'back at the top');
    await frames();
    const focused = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.closest('[data-user]')?.getAttribute('data-user'), 'focus on the same row').to.equal('u3');
    expect(focused?.dataset.action).to.equal('mute');
    await dispose();
  });

  it('stays open with its rows when closed and opened again at once', async () => {
    await s.join(people.ben);
    const el = await mount(s.host);
    await open(el);
    const dialog = () => $(el, 'dialog.panel-dialog') as HTMLDialogElement;
    el.closePanel();
    // Before the first close's `close` event (queued as a task) arrives.
    ($(el, '.base') as HTMLButtonElement).click();
    await until(() => dialog().open && rows(el).length > 0, 'panel with rows');
    await new Promise((resolve) => setTimeout(resolve, 50)); // that event has now been delivered
    expect(dialog().open, 'still open').to.equal(true);
    expect(rows(el).length, 'rows still shown').to.be.greaterThan(0);
  });

  it('is accessible, closed and open', async () => {
    await s.join(people.ben);
    const el = await mount(s.host);
    await expectAccessible(el);
    const dialogs = () => [...el.shadowRoot!.querySelectorAll('dialog')];
    expect(
      dialogs().filter((d) => d.checkVisibility()),
      'closed dialogs take no room on the page',
    ).to.have.length(0);
    await open(el);
    await expectAccessible(el);
    el.closePanel();
    await until(() => dialogs().every((d) => !d.checkVisibility()), 'nothing left on screen after closing');
  });

  it('switches language at run time', async () => {
    const el = await mount(s.host);
    await setLocale('zh-CN');
    await el.updateComplete;
    expect($(el, '.base')!.textContent).to.contain('观众：房间内 1 人');
    setLocale('en');
  });

  it('leaves nothing subscribed after 100 mounts and removals', async function () {
    // 100 mounts: its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    await expectNoSubscriptionLeft(s.host, () => fixture(html`<vr-audience-list .room=${s.host}></vr-audience-list>`));
  });
});
