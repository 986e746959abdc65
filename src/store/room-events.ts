import { Observable, Subject } from 'rxjs';
import type { Clock } from '../model/clock.js';
import type { EventBatch, RoomEvent } from '../model/events.js';
import type { GiftEffect, GiftReceived } from '../model/gift.js';
import { type RoomSnapshot, roleOf } from '../model/room.js';
import { type ComboState, mergeCombo } from '../rules/gifts.js';
import { emptyRecord } from '../rules/records.js';
import { requestStatusFor } from '../rules/requests.js';
import type { RequestUpdate } from './room-state.js';

/** How long, and how many, gift effects wait for a player when none is subscribed (`giftEffects$`). */
const HELD_MS = 10_000;
const HELD_MAX = 20;

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
  /** Effects that came while nothing played them, with when (see `giftEffects$`). */
  #held: { readonly effect: GiftEffect; readonly at: number }[] = [];
  /**
   * The effects, and to the first subscriber after none, those of the last HELD_MS that nobody received: a player
   * whose chunk loads beside the join (or that a page mounts a moment later) still plays the gift that came first.
   */
  readonly giftEffects$ = new Observable<GiftEffect>((subscriber) => {
    const since = this.#clock.now() - HELD_MS;
    const held = this.#held;
    this.#held = [];
    for (const { effect, at } of held) if (at >= since) subscriber.next(effect);
    return this.#effects.subscribe(subscriber);
  });
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
    this.#held = [];
    for (const subject of [this.#events, this.#effects, this.#requests]) subject.complete();
  }

  #playGift(gift: GiftReceived): void {
    const merged = mergeCombo(this.#combos, gift, this.#clock.now(), this.#comboWindowMs);
    this.#combos = merged.combos;
    const effect: GiftEffect = {
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
    };
    if (this.#effects.observed) this.#effects.next(effect);
    else this.#held = [...this.#held, { effect, at: this.#clock.now() }].slice(-HELD_MAX);
  }
}
