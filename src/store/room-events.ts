import { Subject } from 'rxjs';
import type { Clock } from '../model/clock.js';
import type { EventBatch, RoomEvent } from '../model/events.js';
import type { GiftEffect, GiftReceived } from '../model/gift.js';
import { type RoomSnapshot, roleOf } from '../model/room.js';
import { type ComboState, mergeCombo } from '../rules/gifts.js';
import { emptyRecord } from '../rules/records.js';
import { requestStatusFor } from '../rules/requests.js';
import type { RequestUpdate } from './room-state.js';

/**
 * What the store tells after it applied batches, beside its state: every event in order (for notices), gifts as
 * effects to play with combos merged (same sender, gift and receiver within the window), and the requests that
 * concern me (mine, to me, or any application if I manage the room).
 */
export class RoomEventStreams {
  readonly #events = new Subject<RoomEvent>();
  readonly #effects = new Subject<GiftEffect>();
  readonly #requests = new Subject<RequestUpdate>();
  #combos: ComboState = emptyRecord();
  readonly events$ = this.#events.asObservable();
  readonly giftEffects$ = this.#effects.asObservable();
  readonly requestUpdates$ = this.#requests.asObservable();

  readonly #userId: string;
  readonly #clock: Clock;
  readonly #comboWindowMs: number;

  constructor(userId: string, clock: Clock, comboWindowMs: number) {
    this.#userId = userId;
    this.#clock = clock;
    this.#comboWindowMs = comboWindowMs;
  }

  /** The events of `batches`, just applied; `snapshot` is the state after them. */
  publish(batches: readonly EventBatch[], snapshot: RoomSnapshot): void {
    const me = this.#userId;
    const manager = roleOf(snapshot, me) !== 'member';
    for (const batch of batches)
      for (const e of batch.events) {
        this.#events.next(e);
        if (e.type === 'gift.received') this.#playGift(e.gift);
        if (e.type === 'request.updated') {
          const r = e.request;
          const concernsMe = r.from.userId === me || r.to?.userId === me || (r.type === 'apply' && manager);
          if (concernsMe) this.#requests.next({ request: r, status: requestStatusFor(r, me, manager) });
        }
      }
  }

  complete(): void {
    for (const subject of [this.#events, this.#effects, this.#requests]) subject.complete();
  }

  #playGift(gift: GiftReceived): void {
    const merged = mergeCombo(this.#combos, gift, this.#clock.now(), this.#comboWindowMs);
    this.#combos = merged.combos;
    this.#effects.next({
      giftId: gift.gift.giftId,
      name: gift.gift.name,
      iconUrl: gift.gift.iconUrl,
      ...(gift.gift.animationUrl ? { animationUrl: gift.gift.animationUrl } : {}),
      count: gift.count,
      combo: merged.combo,
      senderName: gift.sender.userName,
      receiverName: gift.receiver.userName,
      senderId: gift.sender.userId,
      receiverId: gift.receiver.userId,
      senderAvatarUrl: gift.sender.avatarUrl,
    });
  }
}
