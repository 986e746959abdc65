import { combineLatest } from 'rxjs';
import { createMemoryBackend, createMemoryServer } from '../src/backends/memory/index.js';
import { type Room, createRoom, errorMessage } from '../src/index.js';

// One in-process server shared by both clients, with a small catalog so gifts can be tried.
const server = createMemoryServer({
  initialBalance: 500,
  catalog: [
    { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
    { giftId: 'rocket', name: 'Rocket', iconUrl: '', price: 99, level: 3 },
  ],
});

const roomId = 'playground';
const host = createRoom({ backend: createMemoryBackend({ server }), roomId, user: { userId: 'ava', userName: 'Ava (host)', avatarUrl: '' } });
const listener = createRoom({ backend: createMemoryBackend({ server }), roomId, user: { userId: 'ben', userName: 'Ben', avatarUrl: '' } });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function mount(room: Room, title: string): void {
  const seats = el('div', { className: 'seats' });
  const requests = el('ul');
  const barrage = el('ul');
  const meta = el('p', { className: 'meta' });
  const error = el('p', { className: 'error', role: 'status' });
  const input = el('input', { placeholder: 'Say something…', maxLength: 200 });
  const send = el('button', { className: 'primary', textContent: 'Send' });
  const like = el('button', { textContent: '♥ Like' });
  const gift = el('button', { textContent: '🎁 Rose to host' });
  const leaveSeat = el('button', { textContent: 'Leave seat' });
  const mode = el('button', { textContent: 'Toggle seat mode' });
  const section = el('section', {}, el('h2', { textContent: title }), meta, seats,
    el('div', { className: 'row' }, leaveSeat, like, gift, ...(room === host ? [mode] : [])),
    el('h3', { textContent: 'Requests' }), requests, el('h3', { textContent: 'Barrage' }), barrage,
    el('div', { className: 'row' }, input, send), error);
  document.getElementById('clients')!.append(section);

  // Every failure shows its documented code and message: nothing fails silently.
  const act = (p: Promise<unknown>) => p.then(() => (error.textContent = ''), (e: { code: number }) => (error.textContent = `${e.code}: ${errorMessage(e.code as never)}`));
  send.onclick = () => void act(room.sendBarrage(input.value).then(() => (input.value = '')));
  input.onkeydown = (e) => e.key === 'Enter' && send.click();
  like.onclick = () => room.like();
  gift.onclick = () => void act(room.sendGift({ giftId: 'rose', count: 1, receiverId: 'ava' }));
  leaveSeat.onclick = () => void act(room.leaveSeat());
  mode.onclick = () => void act(room.setSeatMode(room.state.snapshot?.info.seatMode === 'free' ? 'apply' : 'free'));

  room.seats$.subscribe((list) => {
    seats.replaceChildren(...list.map((seat) => {
      const button = el('button', { className: 'seat', textContent: seat.user?.userName ?? (seat.locked ? '🔒' : String(seat.index + 1)) });
      button.setAttribute('aria-label', seat.user ? `Seat ${seat.index + 1}: ${seat.user.userName}` : `Seat ${seat.index + 1}, ${seat.locked ? 'locked' : 'empty'}`);
      if (seat.user) button.dataset['taken'] = '';
      if (seat.locked) button.dataset['locked'] = '';
      button.onclick = () => void act(seat.user ? Promise.resolve() : room.state.snapshot && room.state.snapshot.seats.some((s) => s.user?.userId === room.user.userId) ? room.moveSeat(seat.index) : room.takeSeat(seat.index));
      return button;
    }));
  });
  room.requests$.subscribe((list) => {
    requests.replaceChildren(...list.map((r) => {
      const item = el('li', {}, `${r.type === 'apply' ? `${r.from.userName} applies` : `${r.to?.userName} invited`} for seat ${r.seatIndex === null ? 'any' : r.seatIndex + 1} `);
      if (r.type === 'apply' && room === host) item.append(el('button', { textContent: 'Approve', onclick: () => void act(room.respondRequest(r.requestId, true)) }));
      if (r.type === 'apply' && r.from.userId === room.user.userId) item.append(el('button', { textContent: 'Cancel', onclick: () => void act(room.cancelRequest(r.requestId)) }));
      return item;
    }));
  });
  room.barrage$.subscribe((list) => {
    // textContent only: barrage is text, never HTML.
    barrage.replaceChildren(...list.slice(-30).map((m) => el('li', {}, el('b', { textContent: `${m.sender.userName}: ` }), m.text)));
    barrage.scrollTop = barrage.scrollHeight;
  });
  combineLatest([room.liveInfo$, room.audience$, room.likes$, room.balance$, room.giftTotals$]).subscribe(([info, audience, likes, balance, totals]) => {
    meta.textContent = `${info?.name ?? '…'} · ${info?.seatMode === 'free' ? 'free seats' : 'apply to speak'} · ${audience.total} in room · ♥ ${likes.total} · gifts ${totals.amount} · my coins ${balance ?? '…'}`;
  });
}

mount(host, 'Ava — owner');
mount(listener, 'Ben — listener');
await host.start({ roomName: 'Friday night talk', seatMode: 'apply' });
await listener.join();
