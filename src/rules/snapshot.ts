import { RECENT_AUDIENCE } from '../model/audience.js';
import { BARRAGE_HISTORY, type BarrageMessage } from '../model/barrage.js';
import type { EventBatch, RoomEvent } from '../model/events.js';
import type { RoomSnapshot, RoomState } from '../model/room.js';
import { audienceSummary } from './audience.js';
import { withEntry, withoutEntry } from './records.js';
import { giftTotals } from './gifts.js';

/** What every client may see of the authoritative state. */
export function toSnapshot(room: RoomState): RoomSnapshot {
  return {
    roomId: room.info.roomId,
    version: room.version,
    status: room.status,
    info: room.info,
    seats: room.seats,
    requests: room.requests,
    admins: room.admins,
    barrage: room.barrage,
    likes: room.likes,
    gifts: giftTotals(room),
    audience: audienceSummary(room),
    mutes: room.mutes,
  };
}

/**
 * Applies one broadcast event to a client's snapshot. Together with `toSnapshot` this is the contract: applying
 * a batch's events to the snapshot before it gives the snapshot after it (the property test checks exactly that).
 */
export function applyEvent(snapshot: RoomSnapshot, event: RoomEvent): RoomSnapshot {
  switch (event.type) {
    case 'info.updated':
      return { ...snapshot, info: event.info };
    case 'room.ended':
      return { ...snapshot, status: 'ended', requests: [] };
    case 'seats.updated': {
      const seats = snapshot.seats.slice();
      for (const seat of event.seats) seats[seat.index] = seat;
      return { ...snapshot, seats };
    }
    case 'seat.kicked':
      return snapshot;
    case 'request.updated': {
      const { request } = event;
      const others = snapshot.requests.filter((r) => r.requestId !== request.requestId);
      if (request.status !== 'pending') return { ...snapshot, requests: others };
      const at = snapshot.requests.findIndex((r) => r.requestId === request.requestId);
      const requests =
        at < 0 ? [...snapshot.requests, request] : snapshot.requests.map((r, i) => (i === at ? request : r));
      return { ...snapshot, requests };
    }
    case 'barrage.received':
      return { ...snapshot, barrage: withMessage(snapshot.barrage, event.message) };
    case 'likes.received':
      return { ...snapshot, likes: { total: event.total } };
    case 'gift.received':
      return { ...snapshot, gifts: event.totals };
    case 'member.joined': {
      const recent = [event.user, ...snapshot.audience.recent.filter((u) => u.userId !== event.user.userId)].slice(
        0,
        RECENT_AUDIENCE,
      );
      return { ...snapshot, audience: { recent, total: event.total } };
    }
    case 'member.left': {
      let recent = snapshot.audience.recent.filter((u) => u.userId !== event.userId);
      if (event.refill && !recent.some((u) => u.userId === event.refill!.userId)) recent = [...recent, event.refill];
      return { ...snapshot, audience: { recent, total: event.total } };
    }
    case 'member.muted': {
      // A snapshot that came over the wire is an ordinary object again; the helpers copy it to a null-prototype one.
      const mutes =
        event.until === 0
          ? withoutEntry(snapshot.mutes, event.userId)
          : withEntry(snapshot.mutes, event.userId, event.until);
      return { ...snapshot, mutes };
    }
    case 'admins.updated':
      return { ...snapshot, admins: event.admins };
    case 'fans.updated':
      return snapshot.info.owner.userId === event.userId
        ? { ...snapshot, info: { ...snapshot.info, ownerFans: event.fans } }
        : snapshot;
  }
}

/** Appends a message, or puts it before the later ones when it carries the cloud's order (`seq`). */
function withMessage(barrage: readonly BarrageMessage[], message: BarrageMessage): readonly BarrageMessage[] {
  let at = barrage.length;
  if (message.seq !== undefined) while (at > 0 && (barrage[at - 1]!.seq ?? -Infinity) > message.seq) at -= 1;
  return [...barrage.slice(0, at), message, ...barrage.slice(at)].slice(-BARRAGE_HISTORY);
}

export function applyBatch(snapshot: RoomSnapshot, batch: EventBatch): RoomSnapshot {
  return { ...batch.events.reduce(applyEvent, snapshot), version: batch.version };
}
