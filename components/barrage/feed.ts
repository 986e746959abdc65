import {
  type Observable,
  asapScheduler,
  defer,
  filter,
  ignoreElements,
  map,
  merge,
  mergeMap,
  observeOn,
  pairwise,
  scan,
  tap,
} from 'rxjs';
import type { BarrageMessage, Room, Seat } from '../../src/index.js';
import type { MessageKey } from '../i18n/strings.js';

/** A chat message as the list shows it. */
export interface FeedMessage {
  readonly kind: 'message';
  readonly id: string;
  readonly message: BarrageMessage;
  readonly mine: boolean;
}

/** A system notice: who joined, took or left a seat, sent a gift. Kept as a key + params so a locale switch re-translates it. */
export interface FeedNotice {
  readonly kind: 'notice';
  readonly id: string;
  readonly notice: 'joined' | 'seat' | 'gift';
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly iconUrl?: string;
}

export type FeedEntry = FeedMessage | FeedNotice;

export interface Feed {
  /** At most `max` entries, oldest first. */
  readonly entries: readonly FeedEntry[];
  /** Entries appended since the feed started (history included); the "new messages" pill counts its growth. */
  readonly added: number;
  /** The newest message id the feed has taken from `barrage$`. */
  readonly lastMessageId: string | null;
}

export const EMPTY_FEED: Feed = { entries: [], added: 0, lastMessageId: null };

type Input =
  | { readonly type: 'messages'; readonly list: readonly BarrageMessage[] }
  | { readonly type: 'notices'; readonly notices: readonly FeedNotice[] };

/** How many names the feed remembers for "removed from the room" notices (most recently seen kept). */
const NAME_MEMORY = 500;

/**
 * The same person "joining" again within this window (a reconnect, a reload, a second tab taking over) gets no
 * second notice: to the room it is the same visit, and a flaky connection would otherwise fill the list with
 * "Cleo joined".
 */
export const JOIN_NOTICE_WINDOW_MS = 60_000;

let noticeSeq = 0;
const noticeId = () => `notice-${++noticeSeq}`;

/** How someone left against their will, from the events of the same batch: off their seat, or out of the room. */
export type Removal = 'seat' | 'room';

/**
 * Seat notices from two consecutive seat lists. Diffing the store's seats (rather than reading `seats.updated`
 * events, which carry only the changed seats) knows who *left* a seat and tells a move from a take; a resync
 * snapshot diffs the same way, so notices never contradict the seats the room shows.
 */
export function seatNotices(
  previous: readonly Seat[],
  next: readonly Seat[],
  removed: ReadonlyMap<string, Removal> = new Map(),
  me = '',
): FeedNotice[] {
  // A different seat count is a new room or the first snapshot, not something that happened in the room.
  if (previous.length === 0 || previous.length !== next.length) return [];
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  previous.forEach((seat) => seat.user && before.set(seat.user.userId, seat.index));
  next.forEach((seat) => seat.user && after.set(seat.user.userId, seat.index));
  const notices: FeedNotice[] = [];
  for (let i = 0; i < next.length; i++) {
    const was = previous[i]!.user;
    const now = next[i]!.user;
    if (was?.userId === now?.userId) continue;
    if (was && !after.has(was.userId)) {
      const removal = removed.get(was.userId);
      // Removed from the room: the room-level notice says it; taken off the seat: say so, not "left the seat".
      if (removal === 'seat') {
        const key = was.userId === me ? 'barrage.notice.kickedSeatMe' : 'barrage.notice.kickedSeat';
        notices.push({
          kind: 'notice',
          id: noticeId(),
          notice: 'seat',
          key,
          params: { name: was.userName, n: i + 1, userId: was.userId },
        });
      } else if (removal !== 'room') {
        notices.push({
          kind: 'notice',
          id: noticeId(),
          notice: 'seat',
          key: 'barrage.notice.leftSeat',
          params: { name: was.userName, userId: was.userId },
        });
      }
    }
    if (now) {
      const moved = before.has(now.userId);
      notices.push({
        kind: 'notice',
        id: noticeId(),
        notice: 'seat',
        key: moved ? 'barrage.notice.movedSeat' : 'barrage.notice.tookSeat',
        params: { name: now.userName, n: i + 1, userId: now.userId },
      });
    }
  }
  return notices;
}

/**
 * The list `<vr-barrage>` renders: messages from `barrage$` (history on join, then every new one, in the
 * server's order) interleaved with notices from `events$` in the order the store applied them, bounded to
 * `max()` entries. Messages are taken from the store's list rather than from `barrage.received` events so the
 * history and whatever a resync brings in arrive the same way. `start` is what an earlier feed of the same room
 * showed, to go on from (the element was moved in the page): its messages are not taken twice.
 */
export function barrageFeed(room: Room, max: () => number, start = EMPTY_FEED): Observable<Feed> {
  const me = room.user.userId;
  return defer(() => {
    const messages$ = room.barrage$.pipe(map((list): Input => ({ type: 'messages', list })));
    // Who was taken off a seat or out of the room. The store shows a batch's seats before it emits the batch's
    // events, so the seat diff waits a microtask (observeOn asap) for the events of its own batch to tell a removal
    // from a leave; whatever they said is forgotten after that diff.
    const removed = new Map<string, Removal>();
    // The event that removes someone carries no name, and by then the store no longer lists them: names are
    // remembered from what the store showed before (seats, the audience, arrivals), a bounded few hundred.
    const names = new Map<string, string>();
    const remember = (user: { userId: string; userName: string }) => {
      names.delete(user.userId);
      names.set(user.userId, user.userName);
      if (names.size > NAME_MEMORY) names.delete(names.keys().next().value!);
    };
    // When each person's last arrival was noticed (bounded like the names): a rejoin within the window is quiet.
    const joinedAt = new Map<string, number>();
    const known$ = merge(
      room.seats$.pipe(tap((seats) => seats.forEach((seat) => seat.user && remember(seat.user)))),
      room.audience$.pipe(tap((audience) => audience.recent.forEach(remember))),
    ).pipe(ignoreElements());
    const seats$ = room.seats$.pipe(
      pairwise(),
      observeOn(asapScheduler),
      map(([a, b]) => seatNotices(a, b, removed, me)),
      tap(() => removed.clear()),
      filter((notices) => notices.length > 0),
      map((notices): Input => ({ type: 'notices', notices })),
    );
    const events$ = room.events$.pipe(
      mergeMap((event): FeedNotice[] => {
        if (event.type === 'seat.kicked') removed.set(event.userId, 'seat');
        if (event.type === 'member.left' && (event.reason === 'kicked' || event.reason === 'banned')) {
          removed.set(event.userId, 'room');
          const name = names.get(event.userId);
          if (event.userId !== me && name !== undefined)
            return [
              {
                kind: 'notice',
                id: noticeId(),
                notice: 'seat',
                key: 'barrage.notice.removed',
                params: { name, userId: event.userId },
              },
            ];
          return [];
        }
        if (event.type === 'member.joined') remember(event.user);
        if (event.type === 'member.joined' && event.user.userId !== me) {
          const now = room.clock.now();
          const last = joinedAt.get(event.user.userId);
          joinedAt.delete(event.user.userId);
          joinedAt.set(event.user.userId, now);
          if (joinedAt.size > NAME_MEMORY) joinedAt.delete(joinedAt.keys().next().value!);
          if (last !== undefined && now - last < JOIN_NOTICE_WINDOW_MS) return [];
          return [
            {
              kind: 'notice',
              id: noticeId(),
              notice: 'joined',
              key: 'barrage.notice.joined',
              params: { name: event.user.userName, userId: event.user.userId },
            },
          ];
        }
        if (event.type === 'gift.received') {
          const g = event.gift;
          return [
            {
              kind: 'notice',
              id: noticeId(),
              notice: 'gift',
              key: 'barrage.notice.gift',
              iconUrl: g.gift.iconUrl,
              params: {
                sender: g.sender.userName,
                receiver: g.receiver.userName,
                gift: g.gift.name,
                count: g.count,
                userId: g.sender.userId,
              },
            },
          ];
        }
        return [];
      }),
      map((notice): Input => ({ type: 'notices', notices: [notice] })),
    );
    return merge(known$, messages$, seats$, events$).pipe(
      scan((feed: Feed, input: Input) => step(feed, input, me, max()), start),
    );
  });
}

function step(feed: Feed, input: Input, me: string, max: number): Feed {
  if (input.type === 'notices') return append(feed, input.notices, feed.lastMessageId, max);
  const { list } = input;
  if (list.length === 0) return feed;
  let fresh: readonly BarrageMessage[];
  let at = -1;
  if (feed.lastMessageId !== null) {
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.messageId === feed.lastMessageId) {
        at = i;
        break;
      }
    }
  }
  if (at >= 0) fresh = list.slice(at + 1);
  else {
    // The last one we showed fell out of the store's window (a resync after a long gap): take what we lack.
    const shown = new Set(feed.entries.map((e) => e.id));
    fresh = list.filter((m) => !shown.has(m.messageId));
  }
  if (fresh.length === 0) return feed;
  const entries = fresh.map((message): FeedMessage => ({
    kind: 'message',
    id: message.messageId,
    message,
    mine: message.sender.userId === me,
  }));
  return append(feed, entries, list[list.length - 1]!.messageId, max);
}

function append(feed: Feed, more: readonly FeedEntry[], lastMessageId: string | null, max: number): Feed {
  // The last `max` (at least one); all of them while there are fewer.
  return {
    entries: [...feed.entries, ...more].slice(-Math.max(1, max)),
    added: feed.added + more.length,
    lastMessageId,
  };
}
