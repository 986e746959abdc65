import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Seat, SeatMode } from '../../../src/model/seat.js';
import type { Role, UserInfo } from '../../../src/model/user.js';
import {
  type MicAction,
  type MicViewer,
  type SeatAction,
  type SeatMenuRoom,
  micAction,
  seatActions,
} from '../../../src/rules/seat-actions.js';
import { emptySeat } from '../../../src/rules/seats.js';
import { admin, admin2, alice, bob, owner, roomWith } from './fixtures.js';

// The seat menu's whole table: every role × where I am × seat state × seat mode. Rows are written out, not
// computed, so a change to what a menu offers shows up here as a changed row.

const MODES: readonly SeatMode[] = ['free', 'apply'];
const ROLES: readonly Role[] = ['owner', 'admin', 'member'];
/** Who looks, by role. */
const VIEWER: Record<Role, UserInfo> = { owner, admin, member: alice };
/** Where I am: off every seat, off every seat with an application pending, or on another seat (5). */
type Where = 'off' | 'applying' | 'seated';
const WHERE: readonly Where[] = ['off', 'applying', 'seated'];
const MY_OTHER_SEAT = 5;
const SEAT = 3;

interface Build {
  readonly mode: SeatMode;
  readonly viewer: UserInfo;
  readonly where: Where;
  /** The seat under test; absent: empty, unlocked, microphone allowed. */
  readonly seat?: Partial<Seat>;
  readonly index?: number;
  /** The room keeps seat 0 for its owner (the default). */
  readonly hostSeat?: boolean;
}

/** A room with the owner, two admins (admin, admin2) and two members (alice, bob); nobody seated unless asked. */
function menu(b: Build): SeatAction[] {
  const index = b.index ?? SEAT;
  const base = roomWith({
    members: [admin, admin2, alice, bob],
    admins: [admin, admin2],
    options: { seatMode: b.mode, keepOwnerOnSeat: b.hostSeat ?? true },
  });
  const seats = Array.from({ length: 8 }, (_, i) => emptySeat(i));
  if (b.where === 'seated') seats[MY_OTHER_SEAT] = { ...seats[MY_OTHER_SEAT]!, user: b.viewer };
  seats[index] = { ...seats[index]!, ...b.seat };
  const room: SeatMenuRoom = { info: base.info, admins: base.admins, seats };
  return seatActions(room, { userId: b.viewer.userId, applying: b.where === 'applying' }, index);
}

describe('seatActions: an empty, unlocked seat', () => {
  // role, where I am, mode → with the microphone allowed, with it forbidden (audio-locked)
  const rows: ReadonlyArray<readonly [Role, Where, SeatMode, SeatAction[], SeatAction[]]> = [
    ['owner', 'off', 'free', ['take', 'invite', 'lock', 'lock-audio'], ['take', 'invite', 'lock', 'unlock-audio']],
    ['owner', 'off', 'apply', ['take', 'invite', 'lock', 'lock-audio'], ['take', 'invite', 'lock', 'unlock-audio']],
    [
      'owner',
      'applying',
      'free',
      ['cancel-application', 'invite', 'lock', 'lock-audio'],
      ['cancel-application', 'invite', 'lock', 'unlock-audio'],
    ],
    [
      'owner',
      'applying',
      'apply',
      ['cancel-application', 'invite', 'lock', 'lock-audio'],
      ['cancel-application', 'invite', 'lock', 'unlock-audio'],
    ],
    ['owner', 'seated', 'free', ['move', 'invite', 'lock', 'lock-audio'], ['move', 'invite', 'lock', 'unlock-audio']],
    ['owner', 'seated', 'apply', ['move', 'invite', 'lock', 'lock-audio'], ['move', 'invite', 'lock', 'unlock-audio']],
    ['admin', 'off', 'free', ['take', 'invite', 'lock', 'lock-audio'], ['take', 'invite', 'lock', 'unlock-audio']],
    ['admin', 'off', 'apply', ['take', 'invite', 'lock', 'lock-audio'], ['take', 'invite', 'lock', 'unlock-audio']],
    [
      'admin',
      'applying',
      'free',
      ['cancel-application', 'invite', 'lock', 'lock-audio'],
      ['cancel-application', 'invite', 'lock', 'unlock-audio'],
    ],
    [
      'admin',
      'applying',
      'apply',
      ['cancel-application', 'invite', 'lock', 'lock-audio'],
      ['cancel-application', 'invite', 'lock', 'unlock-audio'],
    ],
    ['admin', 'seated', 'free', ['move', 'invite', 'lock', 'lock-audio'], ['move', 'invite', 'lock', 'unlock-audio']],
    ['admin', 'seated', 'apply', ['move', 'invite', 'lock', 'lock-audio'], ['move', 'invite', 'lock', 'unlock-audio']],
    ['member', 'off', 'free', ['take'], ['take']],
    ['member', 'off', 'apply', ['apply'], ['apply']],
    ['member', 'applying', 'free', ['cancel-application'], ['cancel-application']],
    ['member', 'applying', 'apply', ['cancel-application'], ['cancel-application']],
    ['member', 'seated', 'free', ['move'], ['move']],
    ['member', 'seated', 'apply', ['move'], ['move']],
  ];
  for (const [role, where, mode, open, audioLocked] of rows) {
    it(`${role}, ${where}, ${mode} mode`, () => {
      assert.deepEqual(menu({ mode, viewer: VIEWER[role], where }), open);
      assert.deepEqual(menu({ mode, viewer: VIEWER[role], where, seat: { audioLocked: true } }), audioLocked);
    });
  }
  it('the rows cover every role × where I am × mode', () => {
    assert.equal(new Set(rows.map(([r, w, m]) => `${r} ${w} ${m}`)).size, ROLES.length * WHERE.length * MODES.length);
  });
});

describe('seatActions: an empty, locked seat', () => {
  // Only a manager may unlock it; nothing else is offered on it, whatever the microphone lock, mode or where I am.
  const rows: ReadonlyArray<readonly [Role, SeatAction[]]> = [
    ['owner', ['unlock']],
    ['admin', ['unlock']],
    ['member', []],
  ];
  for (const [role, expected] of rows) {
    for (const where of WHERE) {
      for (const mode of MODES) {
        for (const audioLocked of [false, true]) {
          it(`${role}, ${where}, ${mode} mode${audioLocked ? ', microphone forbidden' : ''}`, () => {
            assert.deepEqual(
              menu({ mode, viewer: VIEWER[role], where, seat: { locked: true, audioLocked } }),
              expected,
            );
          });
        }
      }
    }
  }
});

describe('seatActions: the empty host seat (seat 0 of a room that keeps it for the owner)', () => {
  // The owner may sit there, move there, lock it or its microphone, but invites nobody there.
  const owners: ReadonlyArray<readonly [Where, { locked: boolean; audioLocked: boolean }, SeatAction[]]> = [
    ['off', { locked: false, audioLocked: false }, ['take', 'lock', 'lock-audio']],
    ['off', { locked: false, audioLocked: true }, ['take', 'lock', 'unlock-audio']],
    ['applying', { locked: false, audioLocked: false }, ['cancel-application', 'lock', 'lock-audio']],
    ['applying', { locked: false, audioLocked: true }, ['cancel-application', 'lock', 'unlock-audio']],
    ['seated', { locked: false, audioLocked: false }, ['move', 'lock', 'lock-audio']],
    ['seated', { locked: false, audioLocked: true }, ['move', 'lock', 'unlock-audio']],
    ['off', { locked: true, audioLocked: false }, ['unlock']],
    ['off', { locked: true, audioLocked: true }, ['unlock']],
    ['applying', { locked: true, audioLocked: false }, ['unlock']],
    ['applying', { locked: true, audioLocked: true }, ['unlock']],
    ['seated', { locked: true, audioLocked: false }, ['unlock']],
    ['seated', { locked: true, audioLocked: true }, ['unlock']],
  ];
  for (const [where, seat, expected] of owners) {
    for (const mode of MODES) {
      it(`owner, ${where}, ${mode} mode, ${JSON.stringify(seat)}`, () => {
        assert.deepEqual(menu({ mode, viewer: owner, where, seat, index: 0 }), expected);
      });
    }
  }
  // Anyone else is offered nothing on it.
  for (const role of ['admin', 'member'] as const) {
    for (const where of WHERE) {
      for (const mode of MODES) {
        for (const locked of [false, true]) {
          for (const audioLocked of [false, true]) {
            it(`${role}, ${where}, ${mode} mode, ${JSON.stringify({ locked, audioLocked })}: nothing`, () => {
              assert.deepEqual(
                menu({ mode, viewer: VIEWER[role], where, seat: { locked, audioLocked }, index: 0 }),
                [],
              );
            });
          }
        }
      }
    }
  }
  it('without a host seat, seat 0 is a seat like any other', () => {
    assert.deepEqual(menu({ mode: 'apply', viewer: alice, where: 'off', index: 0, hostSeat: false }), ['apply']);
    assert.deepEqual(menu({ mode: 'free', viewer: admin, where: 'off', index: 0, hostSeat: false }), [
      'take',
      'invite',
      'lock',
      'lock-audio',
    ]);
  });
});

describe('seatActions: an occupied seat', () => {
  // role, occupant → with the microphone allowed, with it forbidden. "me": I sit on this seat. The other admin and
  // member are admin2 and bob; seat mode and (for someone else's seat) where I am change nothing.
  type Occupant = 'me' | Role;
  const OCCUPANT: Record<Role, UserInfo> = { owner, admin: admin2, member: bob };
  const rows: ReadonlyArray<readonly [Role, Occupant, SeatAction[], SeatAction[]]> = [
    ['owner', 'me', ['leave', 'lock-audio'], ['leave', 'unlock-audio']],
    ['owner', 'admin', ['profile', 'kick', 'lock-audio', 'lock'], ['profile', 'kick', 'unlock-audio', 'lock']],
    ['owner', 'member', ['profile', 'kick', 'lock-audio', 'lock'], ['profile', 'kick', 'unlock-audio', 'lock']],
    ['admin', 'me', ['leave', 'lock-audio'], ['leave', 'unlock-audio']],
    ['admin', 'owner', ['profile'], ['profile']],
    ['admin', 'admin', ['profile'], ['profile']],
    ['admin', 'member', ['profile', 'kick', 'lock-audio', 'lock'], ['profile', 'kick', 'unlock-audio', 'lock']],
    ['member', 'me', ['leave'], ['leave']],
    ['member', 'owner', ['profile'], ['profile']],
    ['member', 'admin', ['profile'], ['profile']],
    ['member', 'member', ['profile'], ['profile']],
  ];
  for (const [role, occupant, open, audioLocked] of rows) {
    const viewer = VIEWER[role];
    const user = occupant === 'me' ? viewer : OCCUPANT[occupant];
    // On my own seat I am seated (here); on someone else's I may be anywhere.
    const wheres: readonly Where[] = occupant === 'me' ? ['off'] : WHERE;
    for (const mode of MODES) {
      for (const where of wheres) {
        it(`${role} on ${occupant === 'me' ? 'my own seat' : `a seated ${occupant}`}, ${mode} mode${occupant === 'me' ? '' : `, ${where}`}`, () => {
          assert.deepEqual(menu({ mode, viewer, where, seat: { user } }), open);
          assert.deepEqual(menu({ mode, viewer, where, seat: { user, audioLocked: true } }), audioLocked);
          // Self-muting is the occupant's own business and changes no menu.
          assert.deepEqual(menu({ mode, viewer, where, seat: { user, selfMuted: true } }), open);
        });
      }
    }
  }
  it('the rows cover every role × occupant (the owner is never someone else to the owner)', () => {
    assert.equal(new Set(rows.map(([r, o]) => `${r} ${o}`)).size, ROLES.length * 4 - 1);
  });
});

describe('seatActions: a seat the room has not reported', () => {
  it('is an empty, unlocked seat', () => {
    const base = roomWith({ options: { seatMode: 'free' } });
    assert.deepEqual(
      seatActions({ info: base.info, admins: base.admins, seats: [] }, { userId: alice.userId, applying: false }, 4),
      ['take'],
    );
  });
});

describe("micAction: the room's microphone button", () => {
  const off: MicViewer = { seat: null, applying: false, freeSeat: 2, takeApplies: false };
  const seated = (selfMuted: boolean, audioLocked: boolean): MicViewer => ({
    ...off,
    seat: { selfMuted, audioLocked },
  });
  const rows: ReadonlyArray<readonly [string, MicViewer, MicAction]> = [
    ['seated, live', seated(false, false), 'mute'],
    ['seated, self-muted', seated(true, false), 'unmute'],
    ['seated, microphone locked', seated(false, true), 'locked'],
    ['seated, self-muted and microphone locked', seated(true, true), 'locked'],
    ['seated with an application left over', { ...seated(false, false), applying: true }, 'mute'],
    ['off, applying', { ...off, applying: true }, 'cancel'],
    ['off, applying, no seat free', { ...off, applying: true, freeSeat: -1 }, 'cancel'],
    ['off, no seat free', { ...off, freeSeat: -1 }, 'full'],
    ['off, no seat free, apply mode', { ...off, freeSeat: -1, takeApplies: true }, 'full'],
    ['off, a seat free', off, 'take'],
    ['off, seat 0 free', { ...off, freeSeat: 0 }, 'take'],
    ['off, a seat free, apply mode', { ...off, takeApplies: true }, 'apply'],
  ];
  for (const [where, viewer, action] of rows) {
    it(`${where}: ${action}`, () => assert.equal(micAction(viewer), action));
  }
});
