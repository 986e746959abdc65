import type { ReactiveControllerHost } from 'lit';
import {
  ErrorCode,
  type PendingCounts,
  type Room,
  type SeatRequest,
  anyPendingIn,
  isPendingIn,
  micPendingKeys,
  pendingKey,
} from '../../src/index.js';
import { CountdownController } from '../controllers/countdown-controller.js';
import { IntentController } from '../controllers/intent-controller.js';
import { VrRequestRespondEvent } from '../events/request-respond.js';
import { VrRoomEndEvent } from '../events/room-end.js';
import { VrRoomLeaveEvent } from '../events/room-leave.js';
import { VrRoomRetryEvent } from '../events/room-retry.js';
import { VrRoomTakeoverEvent } from '../events/room-takeover.js';
import { VrSoundEnableEvent } from '../events/sound-enable.js';
import { type MicSlice, micCommand } from './mic.js';
import type { NoticeActions } from './notices.js';
import type { RoomStatus } from './status.js';

/** What the room's commands read from their element at the moment they run. */
export interface RoomCommandSource {
  readonly room: () => Room | undefined;
  readonly status: () => RoomStatus;
  readonly mic: () => MicSlice;
  /** The store's commands in flight (mine from any tab). */
  readonly pending: () => PendingCounts;
}

/**
 * The commands of the room screen itself (leave, end, try again, use here, the microphone button, answering the
 * owner/admin prompt): when each one does nothing, the cancelable intent it dispatches from the room, and the command
 * it then runs. Busy keys, the error toast and `vr-command-error` are the IntentController's, so every one of them
 * shows pending and failure the same way. Each resolves true when its action completed.
 */
export class RoomCommands {
  /** Busy keys (`leave`, `end`, `takeover`, `mic`, `respond:<requestId>`) and the failure on show. */
  readonly intents: IntentController;
  /** The ended notice's count before it leaves by itself (`leave-after-end`), as if "Back to rooms" was pressed. */
  readonly autoLeave: CountdownController;
  /** Handlers for the buttons that run these commands (the notices', the bars' leave and microphone buttons). */
  readonly actions: NoticeActions & { readonly toggleMic: () => void } = {
    leave: () => void this.leave(false),
    retry: () => void this.retry(),
    takeOver: () => void this.takeOver(),
    toggleMic: () => void this.toggleMic(),
  };

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #source: RoomCommandSource;

  constructor(host: ReactiveControllerHost & EventTarget, source: RoomCommandSource) {
    this.#host = host;
    this.#source = source;
    this.intents = new IntentController(host);
    this.autoLeave = new CountdownController(host, () => void this.leave(true));
  }

  /** Leaving, or for the owner ending the live, is in flight: from these controls, or in the store. */
  leaving(owner: boolean): boolean {
    const key = owner ? 'end' : 'leave';
    return this.intents.busy(key) || isPendingIn(this.#source.pending(), `room.${key}`);
  }

  /** An answer to the application `requestId` is in flight. */
  answering(requestId: string): boolean {
    return (
      this.intents.busy(`respond:${requestId}`) ||
      isPendingIn(this.#source.pending(), pendingKey.requestRespond(requestId))
    );
  }

  /** What the microphone button would do is in flight (self-mute, take, apply or cancel). */
  micBusy(): boolean {
    const { application, freeSeat } = this.#source.mic();
    return this.intents.busy('mic') || anyPendingIn(this.#source.pending(), micPendingKeys(application, freeSeat));
  }

  respond(request: SeatRequest, accept: boolean): Promise<boolean> {
    const room = this.#source.room();
    if (!room) return Promise.resolve(false);
    const detail = { requestId: request.requestId, type: request.type, userId: request.from.userId, accept };
    return this.#run(`respond:${request.requestId}`, new VrRequestRespondEvent(detail), () =>
      room.respondRequest(request.requestId, accept),
    );
  }

  /** `auto`: the ended notice's count ran out. Either way the count stops. */
  leave(auto: boolean): Promise<boolean> {
    this.autoLeave.stop();
    const room = this.#source.room();
    if (!room) return Promise.resolve(false);
    const { phase, displaced } = this.#source.status();
    const event = new VrRoomLeaveEvent({ roomId: room.roomId, phase, ...(auto ? { auto: true } : {}) });
    // While another tab of mine has the room, leaving here only closes this view: that tab is still in it.
    return this.#run('leave', event, phase !== 'live' || displaced ? null : () => room.leave());
  }

  retry(): Promise<boolean> {
    const room = this.#source.room();
    const { phase, failure } = this.#source.status();
    if (!room || phase !== 'failed') return Promise.resolve(false);
    const event = new VrRoomRetryEvent({ roomId: room.roomId, code: failure?.code ?? ErrorCode.UNKNOWN });
    if (!this.#host.dispatchEvent(event)) return Promise.resolve(false);
    // No toast: the room's own phase and failure say how it went (the skeleton, then the room or the notice again).
    return room.retry().then(
      () => true,
      () => false,
    );
  }

  takeOver(): Promise<boolean> {
    const room = this.#source.room();
    if (!room || !this.#source.status().displaced) return Promise.resolve(false);
    return this.#run('takeover', new VrRoomTakeoverEvent({ roomId: room.roomId }), () => room.takeOver());
  }

  end(): Promise<boolean> {
    const room = this.#source.room();
    if (!room) return Promise.resolve(false);
    return this.#run('end', new VrRoomEndEvent({ roomId: room.roomId }), () => room.end());
  }

  /** The "enable sound" prompt: a cancelable `vr-sound-enable`, then the room's audio tries to play; false if cancelled. */
  enableSound(): boolean {
    const room = this.#source.room();
    if (!this.#host.dispatchEvent(new VrSoundEnableEvent({ roomId: room?.roomId ?? '' }))) return false;
    void room?.enableSound();
    return true;
  }

  /** What the microphone button offers now (`micCommand`): self-mute when seated; take, apply or cancel otherwise. */
  toggleMic(): Promise<boolean> {
    const room = this.#source.room();
    const run = room && micCommand(room, this.#source.mic());
    return run ? this.#run('mic', run.intent, run.command) : Promise.resolve(false);
  }

  /** Dispatches `intent` and, unless prevented, runs `command` (none: the intent alone was the action). */
  async #run(key: string, intent: Event, command: (() => Promise<unknown>) | null): Promise<boolean> {
    const outcome = await this.intents.run(key, { intent: () => intent, command });
    return outcome.status === 'complete';
  }
}
