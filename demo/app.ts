// The VoiceRoom Kit demo: sign in, browse live rooms, start one as its owner or open one as a listener.
// Everything talks to the local room server this page is served by (WebSocket + REST on the same origin);
// signatures come from its development-only signer.
import { html, render } from 'lit';
import '../components/index.js';
import { createLocalBackend } from '../src/backends/local/index.js';
import { type Room, type SeatMode, createRoom, createRoomDirectory, type UserInfo } from '../src/index.js';

const AVATARS = [1, 2, 3, 4, 5, 6].map((n) => `/avatars/avatar-${n}.svg`);
const COVERS = [1, 2, 3, 4].map((n) => `/avatars/cover-${n}.svg`);
const app = document.getElementById('app')!;

interface Session { user: UserInfo; backend: ReturnType<typeof createLocalBackend> }
let session: Session | null = null;
let room: Room | null = null;

function savedUser(): UserInfo | null {
  try {
    return JSON.parse(localStorage.getItem('vr-demo-user') ?? 'null') as UserInfo | null;
  } catch {
    return null;
  }
}

function signIn(user: UserInfo): Session {
  localStorage.setItem('vr-demo-user', JSON.stringify(user));
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

function slug(name: string): string {
  const base = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '').slice(0, 16) || 'guest';
  return `${base.toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`;
}

function showSignIn(): void {
  let avatar = AVATARS[Math.floor(Math.random() * AVATARS.length)]!;
  const draw = (error = '') => render(html`
    <form class="card signin" @submit=${(e: Event) => {
      e.preventDefault();
      const name = (app.querySelector('#name') as HTMLInputElement).value.trim();
      if (!name) return draw('Please pick a name');
      session = signIn({ userId: slug(name), userName: name.slice(0, 32), avatarUrl: avatar });
      route();
    }}>
      <h1 style="margin:0">VoiceRoom Kit</h1>
      <p class="hint">Voice chat rooms with a seat grid — this demo runs entirely on the local room server.</p>
      <label>Your name <input id="name" autocomplete="nickname" maxlength="32" required placeholder="e.g. Ava" /></label>
      <div role="group" aria-label="Avatar" class="choices">
        ${AVATARS.map((url, i) => html`<button type="button" aria-label="Avatar ${i + 1}" aria-pressed=${String(url === avatar)}
          @click=${() => { avatar = url; draw(); }}><img src=${url} alt="" /></button>`)}
      </div>
      <p class="error" role="alert">${error}</p>
      <button class="primary" type="submit">Continue</button>
    </form>`, app);
  draw();
  (app.querySelector('#name') as HTMLInputElement | null)?.focus();
}

function showLobby(): void {
  const { user, backend } = session!;
  const directory = createRoomDirectory({ backend, user });
  let cover = COVERS[0]!;
  let mode: SeatMode = 'apply';
  const draw = (error = '') => render(html`
    <div class="shell">
      <header class="brand">
        <h1>VoiceRoom Kit</h1>
        <div class="me"><img src=${user.avatarUrl} alt="" /><span>${user.userName}</span>
          <button class="secondary" @click=${() => { localStorage.removeItem('vr-demo-user'); location.hash = ''; location.reload(); }}>Switch user</button></div>
      </header>
      <div class="lobby">
        <section class="card" aria-labelledby="live-rooms">
          <h2 id="live-rooms">Live rooms</h2>
          <vr-room-list .directory=${directory} @vr-room-select=${(e: CustomEvent<{ roomId: string }>) => { location.hash = `#/room/${encodeURIComponent(e.detail.roomId)}`; }}></vr-room-list>
        </section>
        <form class="card" aria-labelledby="start-room" @submit=${(e: Event) => {
          e.preventDefault();
          const form = e.target as HTMLFormElement;
          const data = new FormData(form);
          const roomName = String(data.get('roomName') ?? '').trim() || `${user.userName}'s room`;
          const seatCount = Number(data.get('seatCount'));
          const roomId = `${user.userId}-${Date.now().toString(36)}`;
          sessionStorage.setItem(`vr-demo-start-${roomId}`, JSON.stringify({ roomName, seatCount, seatMode: mode, coverUrl: cover, notice: String(data.get('notice') ?? '') }));
          location.hash = `#/room/${encodeURIComponent(roomId)}`;
          void draw;
        }}>
          <h2 id="start-room">Start a room</h2>
          <label>Room name <input name="roomName" maxlength="60" placeholder="${user.userName}'s room" /></label>
          <label>Notice <input name="notice" maxlength="200" placeholder="Say what the room is about" /></label>
          <div role="group" aria-label="Cover" class="choices">
            ${COVERS.map((url, i) => html`<button type="button" class="cover" aria-label="Cover ${i + 1}" aria-pressed=${String(url === cover)}
              @click=${() => { cover = url; draw(); }}><img src=${url} alt="" /></button>`)}
          </div>
          <div class="grid2">
            <label>Seats <select name="seatCount">${[4, 6, 8, 9, 10, 12, 15, 20].map((n) => html`<option ?selected=${n === 10} value=${n}>${n}</option>`)}</select></label>
            <label>Seat mode <select @change=${(e: Event) => { mode = (e.target as HTMLSelectElement).value as SeatMode; }}>
              <option value="apply" ?selected=${mode === 'apply'}>Apply to speak</option>
              <option value="free" ?selected=${mode === 'free'}>Free to take</option></select></label>
          </div>
          <p class="error" role="alert">${error}</p>
          <button class="primary" type="submit">Go live</button>
          <p class="hint">Open this page in a second window as another user to listen, apply for a seat and chat. <a href="/embed.html">Embedding in plain HTML</a> (view its source: one element, a dozen lines; switching to
            the Tencent Cloud backend is one line there).</p>
        </form>
      </div>
    </div>`, app);
  draw();
}

async function showRoom(roomId: string): Promise<void> {
  const { user, backend } = session!;
  room?.dispose();
  room = createRoom({ backend, roomId, user });
  const current = room;
  render(html`<div class="shell room-page">
      <header class="brand"><h1>VoiceRoom Kit</h1><button class="secondary" @click=${() => void leave()}>← Rooms</button></header>
      <vr-room .room=${current} leave-after-end="6" @vr-room-leave=${onRoomLeave}></vr-room>
    </div>`, app);
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
    const user = savedUser();
    if (user) session = signIn(user);
  }
  if (!session) return showSignIn();
  const match = /^#\/room\/(.+)$/.exec(location.hash);
  if (match) void showRoom(decodeURIComponent(match[1]!));
  else {
    if (room) void leave();
    showLobby();
  }
}

window.addEventListener('hashchange', route);
route();
