import type { ConnectionState, MediaConnectionState, SeatAudioReport } from '../backends/room-backend.js';
import type { AutoplayState } from '../media/playback.js';
import { ErrorCode, type RoomError } from '../model/errors.js';
import type { EventBatch } from '../model/events.js';
import type { FollowInfo } from '../model/follow.js';
import type { Gift } from '../model/gift.js';
import type { RoomSnapshot } from '../model/room.js';
import { type LikeBatch, tapLike } from '../rules/likes.js';
import { entry, withEntry, withoutEntry } from '../rules/records.js';
import { applyBatch } from '../rules/snapshot.js';
import type { PendingKey } from './pending-key.js';
import { type AudioViewState, MIC_OFF, type MicState, type RoomPhase, type RoomViewState } from './room-state.js';
import type { Reducer } from './store.js';

// Every change of the room store's state, each a named reducer factory (Elf's shape: `store.update(setPhase('left'))`),
// so a reader sees what a state change is and a stack trace through `Store.update` names it. The function each
// factory returns carries the factory's name for that reason.

export type RoomReducer = Reducer<RoomViewState>;

// ---- phase ----

/** A start or join is under way; the last one's failure is forgotten. */
export function entering(): RoomReducer {
  return function entering(s) {
    return { ...s, phase: 'joining', failure: null };
  };
}

/** The start or join went through: live, or ended if the snapshot it brought says so. */
export function entered(): RoomReducer {
  return function entered(s) {
    return { ...s, phase: s.snapshot?.status === 'ended' ? 'ended' : 'live' };
  };
}

/** The start or join failed (phase `failed`, `failure` says why), unless something else moved the phase meanwhile. */
export function enterFailed(failure: RoomError): RoomReducer {
  return function enterFailed(s) {
    return s.phase === 'joining' ? { ...s, phase: 'failed', failure } : s;
  };
}

export function setPhase(phase: RoomPhase): RoomReducer {
  return function setPhase(s) {
    return { ...s, phase };
  };
}

/** A resync after a drop was refused: I am out of the room (the seat lease ran out, or a kick while away). */
export function leftWhileAway(): RoomReducer {
  return function leftWhileAway(s) {
    return { ...s, phase: s.phase === 'live' ? 'left' : s.phase };
  };
}

// ---- the room: snapshots, batches, connection, time ----

/** A snapshot becomes the room's state. */
export function setSnapshot(snapshot: RoomSnapshot, now: number): RoomReducer {
  return function setSnapshot(s) {
    return { ...s, snapshot, now };
  };
}

/**
 * Consecutive batches on top of the snapshot, as one change: the phase follows the room's end and my own leaving
 * (kicked, banned, left), and my likes the server counted stop being in flight.
 */
export function applyBatches(batches: readonly EventBatch[], me: string, now: number): RoomReducer {
  return function applyBatches(s) {
    let { phase, myLikes, snapshot } = s;
    for (const batch of batches) {
      for (const e of batch.events) {
        if (e.type === 'room.ended') phase = 'ended';
        // Kicked and banned are phases of their own; a dropped connection whose lease ran out is leaving.
        if (e.type === 'member.left' && e.userId === me) phase = e.reason === 'disconnected' ? 'left' : e.reason;
        if (e.type === 'likes.received' && e.userId === me)
          myLikes = { ...myLikes, inFlight: Math.max(0, myLikes.inFlight - e.count) };
      }
      snapshot = applyBatch(snapshot!, batch);
    }
    return { ...s, phase, myLikes, snapshot, now };
  };
}

/**
 * The backend's connection changed. Displaced (another tab of mine signed in) lasts until connected again; offline,
 * no level reaches me, so the last ones are dropped or seats would keep "speaking" (rings, aria) with no audio.
 */
export function connectionChanged(connection: ConnectionState, error?: RoomError): RoomReducer {
  const displaced = connection === 'disconnected' && error?.code === ErrorCode.SIGNED_IN_ELSEWHERE;
  const offline = connection === 'reconnecting' || connection === 'disconnected';
  return function connectionChanged(s) {
    return {
      ...s,
      connection,
      displaced: displaced || (s.displaced && connection !== 'connected'),
      audio: offline && Object.keys(s.audio.levels).length > 0 ? { ...s.audio, levels: {} } : s.audio,
    };
  };
}

/** Time moved (a mute ran out): time-based answers such as `barrageBlock$` are recomputed. */
export function setNow(now: number): RoomReducer {
  return function setNow(s) {
    return { ...s, now };
  };
}

// ---- commands in flight ----

/** One more command in flight under `key`. */
export function addPending(key: PendingKey): RoomReducer {
  return function addPending(s) {
    return { ...s, pending: withEntry(s.pending, key, (entry(s.pending, key) ?? 0) + 1) };
  };
}

/** One command under `key` finished; the key goes away with its last command. */
export function removePending(key: PendingKey): RoomReducer {
  return function removePending(s) {
    const left = (entry(s.pending, key) ?? 1) - 1;
    return { ...s, pending: left > 0 ? withEntry(s.pending, key, left) : withoutEntry(s.pending, key) };
  };
}

// ---- gifts, wallet, follows ----

export function setCatalog(catalog: readonly Gift[]): RoomReducer {
  return function setCatalog(s) {
    return { ...s, catalog };
  };
}

/** My coins as of wallet version `version`; an answer older than the balance shown changes nothing. */
export function setBalance(coins: number, version: number): RoomReducer {
  return function setBalance(s) {
    return s.balance && s.balance.version > version ? s : { ...s, balance: { coins, version } };
  };
}

export function setFollow(userId: string, info: FollowInfo): RoomReducer {
  return function setFollow(s) {
    return { ...s, follows: withEntry(s.follows, userId, info) };
  };
}

// ---- my likes ----

/** `taps` taps at `now`, counted at once and waiting to be sent. */
export function tapLikes(now: number, taps: number): RoomReducer {
  return function tapLikes(s) {
    return { ...s, myLikes: { ...s.myLikes, batch: tapLike(s.myLikes.batch, now, taps) } };
  };
}

/** `count` taps went out: `batch` is what is left waiting, and they are in flight until the server counts them. */
export function likesSent(batch: LikeBatch, count: number): RoomReducer {
  return function likesSent(s) {
    return { ...s, myLikes: { batch, inFlight: s.myLikes.inFlight + count } };
  };
}

/** `count` likes in flight are no longer mine to show: the room's total has them, or the server never will. */
export function likesSettled(count: number): RoomReducer {
  return function likesSettled(s) {
    return { ...s, myLikes: { ...s.myLikes, inFlight: Math.max(0, s.myLikes.inFlight - count) } };
  };
}

// ---- audio in this browser ----

function withAudio(patch: Partial<AudioViewState>, s: RoomViewState): RoomViewState {
  return { ...s, audio: { ...s.audio, ...patch } };
}

export function setMic(mic: MicState): RoomReducer {
  return function setMic(s) {
    return withAudio({ mic }, s);
  };
}

/** The microphone is off (audio stopped); no change if it already was. */
export function micOff(): RoomReducer {
  return function micOff(s) {
    return s.audio.mic.status === 'off' ? s : withAudio({ mic: MIC_OFF }, s);
  };
}

/** Speaking levels per seat, and which seats' audio reaches me (null: unknown, so all). */
export function setLevels({ levels, active }: SeatAudioReport): RoomReducer {
  return function setLevels(s) {
    return withAudio({ levels, active }, s);
  };
}

export function setAutoplay(autoplay: AutoplayState): RoomReducer {
  return function setAutoplay(s) {
    return withAudio({ autoplay }, s);
  };
}

/** The audio transport's state (`audio$.connection`), apart from the room's connection. */
export function setMediaConnection(connection: MediaConnectionState): RoomReducer {
  return function setMediaConnection(s) {
    return withAudio({ connection }, s);
  };
}

export function setListenerMuted(listenerMuted: boolean): RoomReducer {
  return function setListenerMuted(s) {
    return withAudio({ listenerMuted }, s);
  };
}

/** My playback volume (0–100, already clamped) for one speaker, by user ID. */
export function setSpeakerVolume(userId: string, volume: number): RoomReducer {
  return function setSpeakerVolume(s) {
    return withAudio({ volumes: withEntry(s.audio.volumes, userId, volume) }, s);
  };
}
