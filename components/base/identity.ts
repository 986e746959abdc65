/**
 * How a person (or a room) looks: the avatar the room knows, and before any picture loads, initials and a stable
 * hue. One place, so a person has the same colour on their seat, in the barrage, in the audience list and on a room card.
 */
import type { RoomSnapshot } from '../../src/index.js';

/** The palette's violet → pink → coral → teal families, away from muddy yellows and greens. */
const HUES = [262, 280, 300, 320, 340, 12, 200, 230, 170] as const;

function hashOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** A stable, pleasant hue per ID so initials avatars and names are told apart at a glance. */
export function hueOf(id: string): number {
  return HUES[hashOf(id) % HUES.length]!;
}

/** Two different hues per ID, for gradients (a room card's cover fallback). */
export function huePairOf(id: string): [number, number] {
  const hash = hashOf(id);
  const a = HUES[hash % HUES.length]!;
  const b = HUES[(hash >>> 5) % HUES.length]!;
  return [a, b === a ? (a + 40) % 360 : b];
}

/** Initials for the avatar fallback: two Latin initials, or the first character of a CJK name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0]!;
  if (/[\u3000-\u9fff\uac00-\ud7af]/.test(first)) return first;
  const second = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return (first + second).toUpperCase();
}

/** A person's avatar as the room knows it (on a seat, among the recent audience, or the owner); '' when unknown. */
export function avatarIn(snapshot: RoomSnapshot | null | undefined, userId: string | undefined): string {
  if (!snapshot || !userId) return '';
  const user =
    snapshot.seats.find((s) => s.user?.userId === userId)?.user ??
    snapshot.audience.recent.find((u) => u.userId === userId) ??
    (snapshot.info.owner.userId === userId ? snapshot.info.owner : undefined);
  return user?.avatarUrl ?? '';
}
