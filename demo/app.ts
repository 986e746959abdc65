// The VoiceRoom Kit demo: sign in, browse live rooms, start one as its owner or open one as a listener.
// Everything talks to the local room server this page is served by (WebSocket + REST on the same origin);
// signatures come from its development-only signer.
import { html, render } from 'lit';
import '../components/index.js';
import { type Locale, type VrGiftRechargeEvent, getLocale, matchLocale, setLocale } from '../components/index.js';
import { createLocalBackend } from '../src/backends/local/index.js';
import { type Room, type SeatMode, createRoom, createRoomDirectory, type UserInfo } from '../src/index.js';

const AVATARS = [1, 2, 3, 4, 5, 6].map((n) => `/avatars/avatar-${n}.svg`);
const COVERS = [1, 2, 3, 4].map((n) => `/avatars/cover-${n}.svg`);
const app = document.getElementById('app')!;

interface Session {
  user: UserInfo;
  backend: ReturnType<typeof createLocalBackend>;
}
let session: Session | null = null;
let room: Room | null = null;

/**
 * Who this tab is signed in as lives in sessionStorage, one per tab: two windows of one browser can be two people,
 * as the README says (localStorage signed every new window in as the last person). The last person is also
 * remembered in localStorage, but only offered on a new tab's sign-in screen ("Sign in as Ava"), never assumed:
 * choosing them is how one person opens the room in a second tab, which the kit handles ("Opened in another tab").
 */
const TAB_USER = 'vr-demo-user';
const LAST_USER = 'vr-demo-last-user';

function readUser(storage: Storage, key: string): UserInfo | null {
  try {
    const user = JSON.parse(storage.getItem(key) ?? 'null') as UserInfo | null;
    return user && typeof user.userId === 'string' && typeof user.userName === 'string' ? user : null;
  } catch {
    return null;
  }
}

/** `remember`: a sign-in the person just chose (not a reload of a signed-in tab) becomes the one new tabs offer. */
function signIn(user: UserInfo, remember = true): Session {
  sessionStorage.setItem(TAB_USER, JSON.stringify(user));
  if (remember) localStorage.setItem(LAST_USER, JSON.stringify(user));
  const backend = createLocalBackend({
    url: location.origin,
    // Development only: the server signs for anyone when started with VR_DEV_SIGNER (npm start does).
    credentials: async () => {
      const res = await fetch(`/dev/usersig?userId=${encodeURIComponent(user.userId)}`);
      if (!res.ok) throw new Error('The dev signer is off: start the server with VR_DEV_SIGNER=1');
      return res.json();
    },
  });
  return { user, backend };
}

/** Signs this tab out (leaving the room first) and shows the sign-in screen; other tabs keep their person. */
async function switchUser(): Promise<void> {
  const previous = session;
  session = null;
  sessionStorage.removeItem(TAB_USER);
  await leave();
  await previous?.backend.close().catch(() => undefined);
  route();
}

// ---- language: the kit's strings follow setLocale(); the choice is kept for the next visit ----

const LOCALE_KEY = 'vr-demo-locale';
/** Redraws the screen on show with its current state (set by each screen). */
let redraw: () => void = () => undefined;

/** Resolves when the kit's strings for `locale` are loaded and in effect (zh-CN is fetched the first time). */
function applyLocale(locale: Locale): Promise<void> {
  document.documentElement.lang = locale;
  localStorage.setItem(LOCALE_KEY, locale);
  return setLocale(locale);
}

function languageSwitch() {
  const current = getLocale();
  const choose = (locale: Locale) => () => {
    // The kit's elements re-translate themselves; the page only redraws its own chrome (never re-joins the room).
    void applyLocale(locale).then(
      () => redraw(),
      () => redraw(),
    );
  };
  return html`<div class="lang" role="group" aria-label="Language / 语言">
    <button type="button" lang="en" aria-pressed=${String(current === 'en')} @click=${choose('en')}>EN</button>
    <button type="button" lang="zh-CN" aria-pressed=${String(current === 'zh-CN')} @click=${choose('zh-CN')}>中文</button>
  </div>`;
}

/** "Signed in as …" with a way to be someone else in this tab. */
function whoAmI(user: UserInfo) {
  return html`<div class="me"><img src=${user.avatarUrl} alt="" /><span>Signed in as <strong class="me-name">${user.userName}</strong></span>
    <button class="secondary" @click=${() => void switchUser()}>Switch user</button></div>`;
}

// ---- wallet: "Recharge ›" in the gift panel (vr-gift-recharge) opens a top-up on the dev server ----

const TOP_UPS = [100, 500, 2000];

/**
 * The kit has no payment flow: the gift panel fires `vr-gift-recharge` and leaves the rest to the product. Here
 * the "payment" is the local server's dev-only wallet (POST /dev/top-up), which adds a ledger row; the room then
 * reads its balance again so the gift panel shows the coins at once.
 */
function openWallet(current: Room, needed: number): void {
  let dialog = document.querySelector<HTMLDialogElement>('dialog.wallet');
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.className = 'wallet card';
    dialog.setAttribute('aria-labelledby', 'wallet-title');
    document.body.append(dialog);
  }
  const box = dialog;
  let busy = false;
  const topUp = async (coins: number) => {
    if (busy) return;
    busy = true;
    draw('');
    try {
      const res = await fetch('/dev/top-up', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: current.user.userId, coins }),
      });
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      if (!res.ok) throw new Error(body.error ?? `the wallet answered ${res.status}`);
      await current.refreshBalance();
      busy = false;
      box.close();
    } catch (error) {
      busy = false;
      draw(error instanceof Error ? error.message : String(error));
    }
  };
  const draw = (error: string) =>
    render(
      html`
    <form method="dialog" class="wallet-form" aria-busy=${String(busy)} @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const value = Number((box.querySelector('#coins') as HTMLInputElement).value);
      void topUp(value);
    }}>
      <h2 id="wallet-title">Top up coins</h2>
      <p class="hint">Balance: ${current.state.balance?.coins ?? '…'} coins${needed > 0 ? html` · the selected gift costs ${needed}` : ''}.
        Development wallet of the local server: no payment, a ledger entry.</p>
      <div class="row">
        ${TOP_UPS.map((coins) => html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => void topUp(coins)}>+${coins}</button>`)}
      </div>
      <label>Other amount <input id="coins" type="number" inputmode="numeric" min="1" max="1000000" step="1" required value="1000" /></label>
      <p class="error" role="alert">${error}</p>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${busy}>Add coins</button>
        <button class="secondary" type="button" @click=${() => box.close()}>Cancel</button>
      </div>
    </form>`,
      box,
    );
  draw('');
  if (!box.open) box.showModal();
}

function slug(name: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '')
      .slice(0, 16) || 'guest';
  return `${base.toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`;
}

function showSignIn(): void {
  let avatar = AVATARS[Math.floor(Math.random() * AVATARS.length)]!;
  const last = readUser(localStorage, LAST_USER);
  let shownError = '';
  const draw = (error = shownError) => (
    (shownError = error),
    render(
      html`
    <header class="brand signin-top">${languageSwitch()}</header>
    <form class="card signin" @submit=${(e: Event) => {
      e.preventDefault();
      const name = (app.querySelector('#name') as HTMLInputElement).value.trim();
      if (!name) {
        draw('Please pick a name');
        return;
      }
      session = signIn({ userId: slug(name), userName: name.slice(0, 32), avatarUrl: avatar });
      route();
    }}>
      <h1 style="margin:0">VoiceRoom Kit</h1>
      <p class="hint">Voice chat rooms with a seat grid — this demo runs entirely on the local room server.</p>
      <label>Your name <input id="name" autocomplete="nickname" maxlength="32" required placeholder="e.g. Ava" /></label>
      <div role="group" aria-label="Avatar" class="choices">
        ${AVATARS.map(
          (url, i) => html`<button type="button" aria-label="Avatar ${i + 1}" aria-pressed=${String(url === avatar)}
          @click=${() => {
            avatar = url;
            draw();
          }}><img src=${url} alt="" /></button>`,
        )}
      </div>
      <p class="error" role="alert">${error}</p>
      <button class="primary" type="submit">Continue</button>
      ${
        last
          ? html`<div class="last-user"><img src=${last.avatarUrl} alt="" /><span class="hint">Last signed in on this browser: <strong>${last.userName}</strong>.
          A second window as the same person shows "Opened in another tab" in the first.</span>
          <button type="button" class="secondary" @click=${() => {
            session = signIn(last);
            route();
          }}>Sign in as ${last.userName}</button></div>`
          : ''
      }
    </form>`,
      app,
    )
  );
  redraw = () => draw();
  draw();
  (app.querySelector('#name') as HTMLInputElement | null)?.focus();
}

function showLobby(): void {
  const { user, backend } = session!;
  const directory = createRoomDirectory({ backend, user });
  let cover = COVERS[0]!;
  let mode: SeatMode = 'apply';
  const draw = (error = '') =>
    render(
      html`
    <div class="shell">
      <header class="brand">
        <h1>VoiceRoom Kit</h1>
        <div class="tools">${languageSwitch()}${whoAmI(user)}</div>
      </header>
      <div class="lobby">
        <section class="card" aria-labelledby="live-rooms">
          <h2 id="live-rooms">Live rooms</h2>
          <vr-room-list .directory=${directory} @vr-room-select=${(e: CustomEvent<{ roomId: string }>) => {
            location.hash = `#/room/${encodeURIComponent(e.detail.roomId)}`;
          }}></vr-room-list>
        </section>
        <form class="card" aria-labelledby="start-room" @submit=${(e: Event) => {
          e.preventDefault();
          const form = e.target as HTMLFormElement;
          const data = new FormData(form);
          const roomName = String(data.get('roomName') ?? '').trim() || `${user.userName}'s room`;
          const seatCount = Number(data.get('seatCount'));
          const roomId = `${user.userId}-${Date.now().toString(36)}`;
          sessionStorage.setItem(
            `vr-demo-start-${roomId}`,
            JSON.stringify({
              roomName,
              seatCount,
              seatMode: mode,
              coverUrl: cover,
              notice: String(data.get('notice') ?? ''),
            }),
          );
          location.hash = `#/room/${encodeURIComponent(roomId)}`;
          void draw;
        }}>
          <h2 id="start-room">Start a room</h2>
          <label>Room name <input name="roomName" maxlength="60" placeholder="${user.userName}'s room" /></label>
          <label>Notice <input name="notice" maxlength="200" placeholder="Say what the room is about" /></label>
          <div role="group" aria-label="Cover" class="choices">
            ${COVERS.map(
              (
                url,
                i,
              ) => html`<button type="button" class="cover" aria-label="Cover ${i + 1}" aria-pressed=${String(url === cover)}
              @click=${() => {
                cover = url;
                draw();
              }}><img src=${url} alt="" /></button>`,
            )}
          </div>
          <div class="grid2">
            <label>Seats <select name="seatCount">${[4, 6, 8, 9, 10, 12, 15, 20].map((n) => html`<option ?selected=${n === 10} value=${n}>${n}</option>`)}</select></label>
            <label>Seat mode <select @change=${(e: Event) => {
              mode = (e.target as HTMLSelectElement).value as SeatMode;
            }}>
              <option value="apply" ?selected=${mode === 'apply'}>Apply to speak</option>
              <option value="free" ?selected=${mode === 'free'}>Free to take</option></select></label>
          </div>
          <p class="error" role="alert">${error}</p>
          <button class="primary" type="submit">Go live</button>
          <p class="hint">Open this page in a second window and sign in there as another person to listen, apply for a seat and chat
            (each tab keeps its own person). <a href="/embed.html">Embedding in plain HTML</a> (view its source: one element, a dozen lines; switching to
            the Tencent Cloud backend is one line there).</p>
        </form>
      </div>
    </div>`,
      app,
    );
  redraw = () => draw();
  draw();
}

async function showRoom(roomId: string): Promise<void> {
  const { user, backend } = session!;
  room?.dispose();
  room = createRoom({ backend, roomId, user });
  const current = room;
  const draw = () =>
    render(
      html`<div class="shell room-page">
      <header class="brand"><h1>VoiceRoom Kit</h1><div class="tools">${languageSwitch()}${whoAmI(user)}<button class="secondary" @click=${() => void leave()}>← Rooms</button></div></header>
      <vr-room .room=${current} leave-after-end="6" @vr-room-leave=${onRoomLeave}
        @vr-gift-recharge=${(e: VrGiftRechargeEvent) => openWallet(current, e.detail.needed)}></vr-room>
    </div>`,
      app,
    );
  redraw = draw;
  draw();
  const startKey = `vr-demo-start-${roomId}`;
  const start = sessionStorage.getItem(startKey);
  try {
    if (start) {
      await current.start(JSON.parse(start));
      // Start once: a reload of this page (even of the "You ended the live" screen) joins the room instead of
      // starting it again. Kept until the start succeeded, so a failed start can still be retried.
      sessionStorage.removeItem(startKey);
    } else await current.join();
  } catch {
    // <vr-room> shows the failure in the room (phase 'failed'): what happened, "Try again" and "Back to rooms".
  }
}

/**
 * `<vr-room>` asks to leave (a listener's close button, or "Back to rooms" on the ended/left/removed notice): the
 * demo takes the intent over, because leaving here also means disposing the store and going back to the lobby.
 */
function onRoomLeave(event: Event): void {
  event.preventDefault();
  void leave();
}

async function leave(): Promise<void> {
  const current = room;
  room = null;
  if (current) {
    const phase = current.state.phase;
    const owner = current.state.snapshot?.info.owner.userId === current.user.userId;
    if (phase === 'live' && !owner) await current.leave().catch(() => undefined);
    current.dispose();
  }
  location.hash = '';
}

function route(): void {
  if (!session) {
    const user = readUser(sessionStorage, TAB_USER);
    if (user) session = signIn(user, false);
  }
  if (!session) return showSignIn();
  const match = /^#\/room\/(.+)$/.exec(location.hash);
  if (match) void showRoom(decodeURIComponent(match[1]!));
  else {
    if (room) void leave();
    showLobby();
  }
}

void applyLocale(matchLocale(localStorage.getItem(LOCALE_KEY) ?? 'en')).catch(() => undefined);
window.addEventListener('hashchange', route);
route();
