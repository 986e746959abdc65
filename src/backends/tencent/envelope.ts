import type { CommandType } from '../../model/commands.js';
import type { EventBatch } from '../../model/events.js';
import type { UserInfo } from '../../model/user.js';

/**
 * The wire format of the Tencent backend: JSON in Chat custom messages (`payload.data`, `payload.description`
 * = ENVELOPE_DESCRIPTION) and in the `cloudCustomData` of barrage text messages. Version 1:
 *
 * | kind     | sent by → to                | conversation | meaning                                                      |
 * |----------|-----------------------------|--------------|--------------------------------------------------------------|
 * | `cmd`    | member → owner              | C2C          | `{ id, type, args, user }`: run a command of commands.ts     |
 * | `answer` | owner → member              | C2C          | `{ id, ok: true, result, version? }` or `{ id, ok: false, code, message }` |
 * | `batch`  | owner → room                | GROUP        | `{ batch }`: one versioned EventBatch; only the owner's count |
 * | `like`   | member → room               | GROUP, Low   | `{ id, count, user }`: taps; the owner counts them and answers |
 * | `gift`   | member → room               | GROUP, High  | `{ id, receiverId, receipt, user }`: a charged gift            |
 * | `part`   | anyone                      | either       | `{ id, seq, total, chunk }`: one piece of a longer envelope    |
 * | `barrage`| member → room (cloudCustomData of a TIMTextElem) | GROUP | `{ id, user }`: the text is the barrage  |
 *
 * Chat stamps `from` on every message, so the owner takes the sender from there and ignores `user.userId`
 * (only name and avatar come from `user`), and members accept `batch` envelopes from the owner only.
 *
 * Seat applications and invitations are Chat signalling invitations (signaling-module, 1:1, `onlineUserOnly`),
 * whose `data` is a `SeatSignal` (below), also version 1:
 *
 * | step              | who → whom                     | data                                                    |
 * |-------------------|--------------------------------|---------------------------------------------------------|
 * | apply: `invite`   | applicant → owner              | `{ v, kind: 'apply', roomId, id, index, timeoutSec, user }` |
 * | apply: `accept`/`reject` | owner → applicant       | `{ v, kind: 'closed', status }` (accepted / rejected / handled-by-other / …) |
 * | apply: `cancel`   | applicant → owner              | `{ v, kind: 'step', id, user }`                          |
 * | invite: `invite`  | owner → invitee                | `{ v, kind: 'invite', roomId, requestId, index }`        |
 * | invite: `accept`/`reject` | invitee → owner        | `{ v, kind: 'step', id, user }`                          |
 * | invite: `cancel`  | owner → invitee                | `{ v, kind: 'closed', status }` (cancelled / timeout / …) |
 *
 * The owner's engine stays the authority: it turns each step into the same command a `cmd` envelope would carry
 * (`seat.take`, `request.cancel`, `request.respond`) and answers `id` with an `answer` envelope, so the step's
 * promise settles with the engine's result. The invitation's own timeout is the request's `timeoutSec`.
 */
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_DESCRIPTION = 'voiceroom-kit';
/** Chat caps a message at 12 KB; longer envelopes travel in parts well below that. */
export const MAX_PART_BYTES = 8_000;

export interface GiftReceipt {
  readonly entryId: string;
  readonly giftId: string;
  readonly count: number;
  readonly amount: number;
  readonly balance: number;
  readonly walletVersion: number;
  /** The gift as charged (name, price, animation) so every client shows the same thing. */
  readonly gift: import('../../model/gift.js').Gift;
}

export type Envelope =
  | { readonly v: 1; readonly kind: 'cmd'; readonly id: string; readonly type: CommandType; readonly args: unknown; readonly user: UserInfo }
  | { readonly v: 1; readonly kind: 'answer'; readonly id: string; readonly ok: true; readonly result: unknown; readonly version?: number }
  | { readonly v: 1; readonly kind: 'answer'; readonly id: string; readonly ok: false; readonly code: number; readonly message: string }
  | { readonly v: 1; readonly kind: 'batch'; readonly batch: EventBatch }
  | { readonly v: 1; readonly kind: 'like'; readonly id: string; readonly count: number; readonly user: UserInfo }
  | { readonly v: 1; readonly kind: 'gift'; readonly id: string; readonly receiverId: string; readonly receipt: GiftReceipt; readonly user: UserInfo }
  | { readonly v: 1; readonly kind: 'barrage'; readonly id: string; readonly user: UserInfo }
  | { readonly v: 1; readonly kind: 'part'; readonly id: string; readonly seq: number; readonly total: number; readonly chunk: string };

export type SeatSignal =
  | { readonly v: 1; readonly kind: 'apply'; readonly roomId: string; readonly id: string; readonly index: number | null; readonly timeoutSec?: number; readonly user: UserInfo }
  | { readonly v: 1; readonly kind: 'invite'; readonly roomId: string; readonly requestId: string; readonly index: number | null }
  | { readonly v: 1; readonly kind: 'step'; readonly id: string; readonly user: UserInfo }
  | { readonly v: 1; readonly kind: 'closed'; readonly status: string };

/** Reads a signalling invitation's data; another app's invitations (calls, say) are null. */
export function decodeSeatSignal(text: unknown): SeatSignal | null {
  const value = decodeEnvelope(text) as unknown as SeatSignal | null;
  return value && ['apply', 'invite', 'step', 'closed'].includes(value.kind) ? value : null;
}

const encoder = new TextEncoder();
export const byteLength = (text: string) => encoder.encode(text).length;

export function encodeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope);
}

/** Parses an envelope; anything that is not one of ours (other apps in the same group) is null. */
export function decodeEnvelope(text: unknown): Envelope | null {
  if (typeof text !== 'string' || !text.startsWith('{')) return null;
  try {
    const value = JSON.parse(text) as { v?: unknown; kind?: unknown };
    if (value && value.v === ENVELOPE_VERSION && typeof value.kind === 'string') return value as Envelope;
  } catch {
    // not JSON: not ours
  }
  return null;
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes without cutting a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of text) {
    const bytes = byteLength(char);
    if (size + bytes > maxBytes && current) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** The envelope as one or more message bodies, each under the Chat size limit. */
export function toMessageBodies(envelope: Envelope, partId: string, maxBytes = MAX_PART_BYTES): string[] {
  const text = encodeEnvelope(envelope);
  if (byteLength(text) <= maxBytes) return [text];
  const chunks = splitUtf8(text, maxBytes - 200);
  return chunks.map((chunk, seq) => encodeEnvelope({ v: 1, kind: 'part', id: partId, seq, total: chunks.length, chunk }));
}

/** Reassembles parts per sender; returns the whole envelope once its last part arrived. */
export class PartAssembler {
  private readonly pending = new Map<string, string[]>();

  accept(from: string, part: Extract<Envelope, { kind: 'part' }>): Envelope | null {
    const key = `${from}\u0000${part.id}`;
    const chunks = this.pending.get(key) ?? new Array<string>(part.total);
    chunks[part.seq] = part.chunk;
    this.pending.set(key, chunks);
    for (let i = 0; i < part.total; i++) if (chunks[i] === undefined) return null;
    this.pending.delete(key);
    return decodeEnvelope(chunks.join(''));
  }
}
