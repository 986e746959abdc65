import type { RoomState } from '../../model/room.js';
import { byteLength, splitUtf8 } from './envelope.js';

/**
 * The room as the owner's client keeps it in the AVChatRoom's group attributes, so a reloaded owner (or anyone
 * reading the group) finds the seat table and settings. Chat's limits (AVChatRoom only; ≤ 16 keys of ≤ 32 bytes;
 * values ≤ 4 KB; ≤ 16 KB in all) shape the layout:
 *
 * - `vr:meta` — `{ v: 1, version, status, owner, writer, parts }`: the room version the write carries and who wrote
 *   it (one owner tab). A reader that holds a newer version than `vr:meta` knows the write is stale; a writer that
 *   sees a `vr:meta` from another writer with a version ≥ its own stops writing (another tab took over).
 * - `vr:0` … `vr:N` — the JSON of {@link PersistedRoom} cut into parts of at most 3,800 bytes.
 *
 * Members, barrage and rate windows are not kept (they are per-session and would not fit); a recovered room starts
 * with the owner and the seated users as members.
 */
export const META_KEY = 'vr:meta';
export const PART_PREFIX = 'vr:';
export const MAX_VALUE_BYTES = 3_800;
export const MAX_TOTAL_BYTES = 16_000;
export const MAX_KEYS = 16;

export type PersistedRoom = Pick<RoomState, 'version' | 'status' | 'info' | 'seats' | 'requests' | 'admins' | 'mutes' | 'bans' | 'likes' | 'gifts' | 'requestSeq' | 'messageSeq' | 'viewCount'>;

export interface AttributeMeta {
  readonly v: 1;
  readonly version: number;
  readonly status: RoomState['status'];
  readonly owner: string;
  readonly writer: string;
  readonly parts: number;
}

export function persisted(room: RoomState, trimmed = false): PersistedRoom {
  const { version, status, info, seats, requests, admins, mutes, bans, likes, gifts, requestSeq, messageSeq, viewCount } = room;
  // Over the size budget the leaderboard's long tail and the request queue go first; seats and settings stay.
  return trimmed
    ? { version, status, info, seats, requests: [], admins, mutes, bans, likes, gifts: { ...gifts, contributions: topContributions(gifts.contributions, 5) }, requestSeq, messageSeq, viewCount }
    : { version, status, info, seats, requests, admins, mutes, bans, likes, gifts: { ...gifts, contributions: topContributions(gifts.contributions, 20) }, requestSeq, messageSeq, viewCount };
}

function topContributions(all: RoomState['gifts']['contributions'], n: number): RoomState['gifts']['contributions'] {
  return Object.fromEntries(Object.entries(all).sort((a, b) => b[1].amount - a[1].amount).slice(0, n));
}

/** The attributes for one write, or null if the room cannot fit the limits even trimmed. */
export function toAttributes(room: RoomState, writer: string): Record<string, string> | null {
  for (const trimmed of [false, true]) {
    const parts = splitUtf8(JSON.stringify(persisted(room, trimmed)), MAX_VALUE_BYTES);
    if (parts.length + 1 > MAX_KEYS) continue;
    const meta: AttributeMeta = { v: 1, version: room.version, status: room.status, owner: room.info.owner.userId, writer, parts: parts.length };
    const attributes: Record<string, string> = { [META_KEY]: JSON.stringify(meta) };
    parts.forEach((part, i) => (attributes[`${PART_PREFIX}${i}`] = part));
    const total = Object.entries(attributes).reduce((sum, [k, v]) => sum + byteLength(k) + byteLength(v), 0);
    if (total <= MAX_TOTAL_BYTES) return attributes;
  }
  return null;
}

export function readMeta(attributes: Readonly<Record<string, string>>): AttributeMeta | null {
  try {
    const meta = JSON.parse(attributes[META_KEY] ?? '') as AttributeMeta;
    return meta && meta.v === 1 && typeof meta.version === 'number' ? meta : null;
  } catch {
    return null;
  }
}

export function fromAttributes(attributes: Readonly<Record<string, string>>): { meta: AttributeMeta; room: PersistedRoom } | null {
  const meta = readMeta(attributes);
  if (!meta) return null;
  let json = '';
  for (let i = 0; i < meta.parts; i++) {
    const part = attributes[`${PART_PREFIX}${i}`];
    if (part === undefined) return null;
    json += part;
  }
  try {
    return { meta, room: JSON.parse(json) as PersistedRoom };
  } catch {
    return null;
  }
}
