import { BARRAGE_HISTORY, type BarrageMessage, MAX_BARRAGE_LENGTH } from '../model/barrage.js';
import { ErrorCode } from '../model/errors.js';
import { type RoomState, roleOf } from '../model/room.js';
import { type Actor, actorRole } from './permissions.js';
import { allowRate } from './rate-limit.js';
import { entry, withEntry } from './records.js';
import { type RuleResult, fail, ok } from './result.js';
import { mapHas } from './persistent-map.js';

// C0/C1 controls except tab and newline; they only ever serve to break layouts or terminals.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Trimmed, control characters removed; length counted in code points so an emoji is one character. */
export function normalizeBarrage(text: unknown): RuleResult<string> {
  if (typeof text !== 'string') return fail(ErrorCode.INVALID_PARAMETER, 'text must be a string');
  const clean = text.replace(CONTROL, '').trim();
  if (!clean) return fail(ErrorCode.BARRAGE_EMPTY);
  if ([...clean].length > MAX_BARRAGE_LENGTH) return fail(ErrorCode.BARRAGE_TOO_LONG);
  return ok(clean);
}

/**
 * Why this user may not send barrage right now, or null. Shared by the rule and by the UI, which shows the same
 * reason on the disabled input.
 */
export function barrageBlock(
  room: Pick<RoomState, 'info' | 'admins' | 'mutes'>,
  userId: string,
  now: number,
): ErrorCode | null {
  const mutedUntil = entry(room.mutes, userId);
  if (mutedUntil !== undefined && mutedUntil > now) return ErrorCode.MEMBER_MUTED;
  // The owner and admins may still talk in a room whose messages are disabled.
  if (room.info.isMessageDisabled && roleOf(room, userId) === 'member') return ErrorCode.ROOM_MUTED;
  return null;
}

export function sendBarrage(room: RoomState, actor: Actor, text: string, now: number): RuleResult<RoomState> {
  const userId = actor.user.userId;
  if (!mapHas(room.members, userId)) return fail(ErrorCode.NOT_IN_ROOM);
  const normalized = normalizeBarrage(text);
  if (!normalized.ok) return normalized;
  const blocked = barrageBlock(room, userId, now);
  if (blocked !== null) return fail(blocked);
  const rate = allowRate(entry(room.rates, userId)?.barrage, room.limits.barrageRate, now);
  if (!rate.allowed) return fail(ErrorCode.RATE_LIMITED);
  const messageSeq = room.messageSeq + 1;
  const message: BarrageMessage = {
    messageId: `${room.info.roomId}-m${messageSeq}`,
    sender: actor.user,
    role: actorRole(room, actor),
    text: normalized.state,
    sentAt: now,
  };
  const barrage = [...room.barrage, message].slice(-BARRAGE_HISTORY);
  const rates = withEntry(room.rates, userId, { ...entry(room.rates, userId), barrage: rate.log });
  return ok({ ...room, messageSeq, barrage, rates }, [{ type: 'barrage.received', message }]);
}
