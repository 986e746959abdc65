import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/index.js';
// Lazy in the components entry (loaded on first sight); its own module defines it at once.
import { VrLiveInfo } from '../../components/live-info/live-info.js';
import { formatDuration, setLocale } from '../../components/index.js';
import { ErrorCode, RoomError, errorMessage } from '../../src/index.js';
import type { Room } from '../../src/index.js';
import { ROOM_ID, gatedBackend, people, until, useScene, expectNoSubscriptionLeft } from './helpers.js';
import { expectAccessible } from './accessible.js';

const $ = (el: VrLiveInfo, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (el: VrLiveInfo, selector: string) => $(el, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const follow = (el: VrLiveInfo) => $(el, '.base [part="follow"]') as HTMLButtonElement;

async function mount(room: Room): Promise<VrLiveInfo> {
  const el = await fixture<VrLiveInfo>(html`<vr-live-info .room=${room}></vr-live-info>`);
  await until(() => $(el, '.room-name') !== null, 'rendered');
  return el;
}

async function openPanel(el: VrLiveInfo): Promise<void> {
  ($(el, '.summary') as HTMLButtonElement).click();
  await until(() => $(el, 'dialog')!.hasAttribute('open') && $(el, '.panel') !== null, 'panel open');
}

/** The panel's chunk fails to load once (offline for a moment), then loads; `restore` puts the real importer back. */
function failPanelOnce() {
  const importPanel = VrLiveInfo.importPanel;
  const importer = { fetches: 0, restore: () => void (VrLiveInfo.importPanel = importPanel) };
  VrLiveInfo.importPanel = () =>
    ++importer.fetches === 1
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : importPanel();
  return importer;
}

describe('<vr-live-info>', () => {
  const s = useScene();

  it('shows name, host, fans, viewers, likes and a ticking duration, kept current by other clients', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    expect(text(el, '.room-name')).to.equal('Night Talk');
    expect(text(el, '.base .owner-name')).to.equal('Ava Chen');
    expect(text(el, '.base .owner-fans')).to.equal('0 fans');
    expect(text(el, '.summary')).to.contain('2 viewers');
    await s.join(people.cleo);
    await until(() => text(el, '.summary').includes('3 viewers'), 'viewer count follows joins');
    s.host.like(5);
    await s.host.flushLikes();
    await until(() => text(el, '.summary').includes('5 likes'), 'likes follow other clients');
    await s.host.updateInfo({ name: 'Late Night Lo-fi' });
    await until(() => text(el, '.room-name') === 'Late Night Lo-fi', 'renamed by the owner');
    const before = text(el, '.live .tnum');
    expect(before).to.match(/^\d\d:\d\d$/);
    await until(() => text(el, '.live .tnum') !== before, 'duration ticks');
    expect(formatDuration(3_725_000)).to.equal('1:02:05');
  });

  it('checks whether I follow the host when it connects', async () => {
    const ben = await s.join(people.ben);
    expect(ben.state.follows.ava).to.equal(undefined);
    const el = await mount(ben);
    await until(() => ben.state.follows.ava !== undefined, 'checkFollow answered');
    expect(follow(el).getAttribute('aria-pressed')).to.equal('false');
    const owners = await mount(s.host);
    expect($(owners, '.base [part="follow"]'), 'no follow button on myself').to.equal(null);
  });

  it('follows with vr-follow-change; the host sees a new fan', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    const hosts = await mount(s.host);
    const event = oneEvent(el, 'vr-follow-change');
    follow(el).click();
    expect((await event).detail).to.deep.equal({ userId: 'ava', follow: true });
    await until(() => follow(el).getAttribute('aria-pressed') === 'true', 'following');
    expect(text(el, '.base [part="follow"]')).to.contain('Following');
    await until(() => text(hosts, '.base .owner-fans') === '1 fan', 'host sees the fan');
    await el.setFollowing(false);
    await until(() => follow(el).getAttribute('aria-pressed') === 'false', 'unfollowed');
  });

  it('does nothing when follow is prevented', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    el.addEventListener('vr-follow-change', (e) => e.preventDefault());
    follow(el).click();
    await new Promise((r) => setTimeout(r, 50));
    expect((await s.host.checkFollow('ava')).fans).to.equal(0);
    expect(ben.state.pending).to.deep.equal({});
  });

  it("shows a failed follow in the bar's alert region, the same region from the first render", async () => {
    // A region made already filled is not announced: the words must arrive in one that was there before.
    const backend = gatedBackend(s.server);
    const send = backend.send.bind(backend);
    backend.send = ((type, args) =>
      type === 'follow.set'
        ? Promise.reject(new RoomError(ErrorCode.FOLLOW_LIMIT))
        : send(type, args)) as typeof backend.send;
    const ben = await s.join(people.ben, backend);
    const el = await mount(ben);
    await until(() => ben.state.follows.ava !== undefined, 'checked');
    const region = $(el, '.bar-alert')!;
    expect(region.getAttribute('role')).to.equal('alert');
    expect(region.textContent!.trim(), 'empty before').to.equal('');
    follow(el).click();
    await until(() => $(el, '.bar-alert [part="alert"]') !== null, 'the failure is shown');
    expect($(el, '.bar-alert'), 'the same live region').to.equal(region);
    expect(text(el, '.bar-alert')).to.contain(errorMessage(ErrorCode.FOLLOW_LIMIT));
  });

  it('shows follow as pending while in flight', async () => {
    const backend = gatedBackend(s.server);
    const ben = await s.join(people.ben, backend);
    const el = await mount(ben);
    await until(() => ben.state.follows.ava !== undefined, 'checked');
    backend.hold();
    const done = el.setFollowing(true);
    await until(() => follow(el).getAttribute('aria-busy') === 'true', 'aria-busy');
    expect(follow(el).querySelector('.spinner')).to.exist;
    backend.release();
    expect(await done).to.equal(true);
    await el.updateComplete;
    expect(follow(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('opens a detail panel with notice and seat mode (cancelable with vr-panel-open)', async () => {
    await s.host.updateInfo({ notice: 'Be kind. Lo-fi only.' });
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    const prevent = (e: Event) => e.preventDefault();
    el.addEventListener('vr-panel-open', prevent);
    ($(el, '.summary') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, 'dialog')!.hasAttribute('open')).to.equal(false);
    el.removeEventListener('vr-panel-open', prevent);
    await openPanel(el);
    expect(text(el, '.panel')).to.contain('Be kind. Lo-fi only.');
    expect(text(el, '.panel')).to.contain('Free to take');
    expect($(el, '.panel form'), 'listeners cannot edit').to.equal(null);
    await s.host.setSeatMode('apply');
    await until(() => text(el, '.panel').includes('By application'), 'seat mode follows the owner');
    el.closePanel();
    await el.updateComplete;
    expect($(el, 'dialog')!.hasAttribute('open')).to.equal(false);
  });

  it("names its dialog while the panel's code is on its way, by no id only the panel renders", async () => {
    const el = await mount(s.host);
    const importPanel = VrLiveInfo.importPanel;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrLiveInfo.importPanel = () => arrived.then(importPanel);
    const dialog = () => $(el, 'dialog')!;
    const name = () => {
      const ids = dialog().getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
      for (const id of ids) expect(el.shadowRoot!.getElementById(id), `#${id} is there`).to.not.equal(null);
      const label = ids.map((id) => el.shadowRoot!.getElementById(id)!.textContent!.trim()).join(' ');
      return label || (dialog().getAttribute('aria-label') ?? '');
    };
    try {
      ($(el, '.summary') as HTMLButtonElement).click();
      await until(() => dialog().hasAttribute('open') && $(el, '.spinner') !== null, 'open on a spinner');
      expect(name(), 'the open dialog has a name while it loads').to.equal('Night Talk');
      arrive();
      await until(() => $(el, '.panel') !== null, 'the panel arrives');
      expect(name(), 'and by its heading once it is there').to.equal('Night Talk');
      expect(dialog().hasAttribute('aria-label'), 'one name').to.equal(false);
    } finally {
      VrLiveInfo.importPanel = importPanel;
    }
  });

  it("opens on a spinner until the panel's code arrives, then puts focus on its first control", async () => {
    const el = await mount(s.host);
    const importPanel = VrLiveInfo.importPanel;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrLiveInfo.importPanel = () => arrived.then(importPanel);
    try {
      ($(el, '.summary') as HTMLButtonElement).click();
      await until(() => $(el, 'dialog')!.hasAttribute('open'), 'the dialog opens at once');
      expect($(el, 'dialog .panel-loading')!.getAttribute('aria-busy')).to.equal('true');
      expect($(el, 'dialog .spinner'), 'a spinner while the code is on its way').to.exist;
      expect($(el, '.panel')).to.equal(null);
      await expectAccessible(el);
      arrive();
      await until(() => $(el, '.panel') !== null, 'the panel arrives');
      await until(() => el.shadowRoot!.activeElement !== null, 'focus inside');
      expect(el.shadowRoot!.activeElement!.matches('.panel-head .close'), 'on its first control').to.equal(true);
      expect($(el, '.panel-loading'), 'no spinner left').to.equal(null);
      // The owner's form came with it, and works.
      expect(($(el, '#field-name') as HTMLInputElement).value).to.equal('Night Talk');
    } finally {
      VrLiveInfo.importPanel = importPanel;
    }
  });

  it('shows a failed fetch of the panel in the dialog; the next open tries again', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    const importer = failPanelOnce();
    try {
      ($(el, '.summary') as HTMLButtonElement).click();
      await until(() => $(el, 'dialog .panel-loading [part="alert"]') !== null, 'the failure is shown');
      expect($(el, '.panel')).to.equal(null);
      expect(text(el, '.panel-loading [part="alert"]')).to.contain('Try again');
      el.closePanel();
      await el.updateComplete;
      expect($(el, '[part="alert"]'), 'closing the dialog clears it').to.equal(null);
      await openPanel(el);
      expect(importer.fetches).to.equal(2);
      expect(text(el, '.panel')).to.contain('Free to take');
    } finally {
      importer.restore();
    }
  });

  it('offers "Try again" in the dialog when the panel failed to load; it loads and takes focus', async () => {
    const el = await mount(s.host);
    const importer = failPanelOnce();
    try {
      ($(el, '.summary') as HTMLButtonElement).click();
      await until(() => $(el, '.panel-loading [part="alert"] button') !== null, 'the failure is shown');
      expect($(el, '.panel-loading')!.getAttribute('aria-busy'), 'not busy: it failed').to.equal('false');
      await expectAccessible(el);
      const retry = $(el, '.panel-loading [part="alert"] button') as HTMLButtonElement;
      retry.focus();
      retry.click();
      await until(() => $(el, '.panel') !== null, 'the panel arrives');
      expect(importer.fetches).to.equal(2);
      await until(() => el.shadowRoot!.activeElement !== null, 'focus inside');
      expect(el.shadowRoot!.activeElement!.matches('.panel-head .close'), 'on its first control').to.equal(true);
      expect(($(el, '#field-name') as HTMLInputElement).value).to.equal('Night Talk');
    } finally {
      importer.restore();
    }
  });

  it("checks and saves through its API before the panel's code is there, and checks the typed draft after", async () => {
    const importPanel = VrLiveInfo.importPanel;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    VrLiveInfo.importPanel = () => arrived.then(importPanel);
    try {
      const el = await mount(s.host);
      expect(el.validate(), 'the room as the server accepted it').to.deep.equal({});
      expect(await el.saveInfo({ notice: 'Saved before any panel' })).to.equal(true);
      expect(s.server.room(ROOM_ID)!.info.notice).to.equal('Saved before any panel');
      ($(el, '.summary') as HTMLButtonElement).click();
      await until(() => $(el, '.panel-loading .spinner') !== null, 'on a spinner');
      expect(el.validate()).to.deep.equal({});
      arrive();
      await until(() => $(el, '#field-name') !== null, 'the form arrives');
      expect(($(el, '#field-notice') as HTMLTextAreaElement).value, 'its draft is the room').to.equal(
        'Saved before any panel',
      );
      const name = $(el, '#field-name') as HTMLInputElement;
      name.value = '  ';
      name.dispatchEvent(new Event('input'));
      expect(el.validate()).to.deep.equal({ name: 'Give the room a name.' });
    } finally {
      VrLiveInfo.importPanel = importPanel;
    }
  });

  it('lets the owner edit the room; another client sees it', async () => {
    const ben = await s.join(people.ben);
    const bens = await mount(ben);
    const el = await mount(s.host);
    await openPanel(el);
    const name = $(el, '#field-name') as HTMLInputElement;
    name.value = 'Sunday Jazz';
    name.dispatchEvent(new Event('input'));
    const notice = $(el, '#field-notice') as HTMLTextAreaElement;
    notice.value = 'Requests open at 9';
    notice.dispatchEvent(new Event('input'));
    const event = oneEvent(el, 'vr-info-update');
    ($(el, 'form button[type="submit"]') as HTMLButtonElement).click();
    expect((await event).detail.patch).to.deep.equal({ name: 'Sunday Jazz', notice: 'Requests open at 9' });
    await until(() => text(bens, '.room-name') === 'Sunday Jazz', 'listener sees the new name');
    expect(s.server.room(ROOM_ID)!.info.notice).to.equal('Requests open at 9');
    await until(() => text(el, '.saved') === 'Saved.', 'saved status');
  });

  it('validates before sending, and shows the server’s documented error', async () => {
    const el = await mount(s.host);
    await openPanel(el);
    let sent = 0;
    el.addEventListener('vr-info-update', () => sent++);
    const name = $(el, '#field-name') as HTMLInputElement;
    name.value = '   ';
    name.dispatchEvent(new Event('input'));
    const cover = $(el, '#field-coverUrl') as HTMLInputElement;
    cover.value = 'javascript:alert(1)';
    cover.dispatchEvent(new Event('input'));
    ($(el, 'form button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(sent).to.equal(0);
    expect(text(el, '.field-error')).to.equal('Give the room a name.');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(cover.getAttribute('aria-invalid')).to.equal('true');
    await until(() => el.shadowRoot!.activeElement === name, 'focus on the first invalid field');
    expect(s.server.room(ROOM_ID)!.info.name).to.equal('Night Talk');
    // Past the form (a product calling saveInfo itself): the server's answer is shown.
    expect(await el.saveInfo({ name: '  ' })).to.equal(false);
    await el.updateComplete;
    const alert = $(el, '.panel [part="alert"]')!;
    expect(alert.dataset.code).to.equal(String(ErrorCode.INVALID_ROOM_NAME));
    expect(alert.textContent).to.contain(errorMessage(ErrorCode.INVALID_ROOM_NAME));
  });

  it('switches the seat mode with vr-seat-mode-change unless prevented', async () => {
    const el = await mount(s.host);
    await openPanel(el);
    const stop = (e: Event) => e.preventDefault();
    el.addEventListener('vr-seat-mode-change', stop);
    ($(el, 'input[value="apply"]') as HTMLInputElement).click();
    await new Promise((r) => setTimeout(r, 50));
    expect(s.server.room(ROOM_ID)!.info.seatMode).to.equal('free');
    el.removeEventListener('vr-seat-mode-change', stop);
    const event = oneEvent(el, 'vr-seat-mode-change');
    ($(el, 'input[value="apply"]') as HTMLInputElement).click();
    expect((await event).detail).to.deep.equal({ seatMode: 'apply' });
    await until(() => s.server.room(ROOM_ID)!.info.seatMode === 'apply', 'server in apply mode');
    await until(() => ($(el, 'input[value="apply"]') as HTMLInputElement).checked, 'radio follows');
  });

  it('stays open with its panel when closed and opened again at once', async () => {
    const el = await mount(s.host);
    await openPanel(el);
    el.closePanel();
    // Before the first close's `close` event (queued as a task) arrives.
    ($(el, '.summary') as HTMLButtonElement).click();
    await until(() => $(el, 'dialog')!.hasAttribute('open') && $(el, '.panel') !== null, 'panel open');
    await new Promise((resolve) => setTimeout(resolve, 50)); // that event has now been delivered
    expect($(el, 'dialog')!.hasAttribute('open'), 'still open').to.equal(true);
    expect($(el, '.panel'), 'its content still shown').to.not.equal(null);
  });

  it('is accessible: bar, listener panel, owner panel', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    await expectAccessible(el);
    await openPanel(el);
    await expectAccessible(el);
    el.closePanel();
    const owners = await mount(s.host);
    await openPanel(owners);
    await expectAccessible(owners);
    owners.closePanel();
  });

  it('switches language at run time', async () => {
    const ben = await s.join(people.ben);
    const el = await mount(ben);
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(text(el, '.base [part="follow"]')).to.contain('关注');
    expect(text(el, '.summary')).to.contain('2 位观众');
    setLocale('en');
  });

  it('leaves nothing subscribed after 100 mounts and removals', async function () {
    // 100 mounts: its own budget, sized for a loaded 2-core machine.
    this.timeout(120_000);
    await expectNoSubscriptionLeft(s.host, () => fixture(html`<vr-live-info .room=${s.host}></vr-live-info>`));
  });
});
