import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import type { SeatMode } from '../../../src/model/seat.js';
import type { Role } from '../../../src/model/user.js';
import { outranks, requireOutrank, takeBecomesApplication } from '../../../src/rules/permissions.js';
import { admin, admin2, alice, as, bob, owner, roomWith, system } from './fixtures.js';

const ROLES: readonly Role[] = ['owner', 'admin', 'member'];

describe('outranks: every actor × target pair', () => {
  // actor → the targets it outranks; everything else it does not.
  const table: Record<Role, readonly Role[]> = {
    owner: ['admin', 'member'],
    admin: ['member'],
    member: [],
  };
  for (const actor of ROLES) {
    for (const target of ROLES) {
      const expected = table[actor].includes(target);
      it(`${actor} ${expected ? 'outranks' : 'does not outrank'} ${target}`, () => {
        assert.equal(outranks(actor, target), expected);
      });
    }
  }
});

describe('requireOutrank agrees with outranks', () => {
  const room = roomWith({ members: [admin, admin2, alice, bob], admins: [admin, admin2] });
  const people = { owner, admin, member: alice } as const;
  const others = { owner, admin: admin2, member: bob } as const;
  for (const actor of ROLES) {
    for (const target of ROLES) {
      it(`${actor} on another ${target}`, () => {
        const error = requireOutrank(room, as(people[actor]), others[target].userId);
        if (outranks(actor, target)) assert.equal(error, null);
        else assert.ok(error, 'refused');
      });
    }
  }
  it('the App admin counts as the owner: it outranks admins but not the owner', () => {
    assert.equal(requireOutrank(room, system, admin.userId), null);
    assert.equal(requireOutrank(room, system, owner.userId)?.code, ErrorCode.PERMISSION_DENIED);
  });
});

describe('takeBecomesApplication: every seat mode × role', () => {
  const table: ReadonlyArray<readonly [SeatMode, Role, boolean]> = [
    ['free', 'owner', false],
    ['free', 'admin', false],
    ['free', 'member', false],
    ['apply', 'owner', false],
    ['apply', 'admin', false],
    ['apply', 'member', true],
  ];
  for (const [mode, role, expected] of table) {
    it(`${mode} mode, ${role}: ${expected ? 'an application' : 'seated at once'}`, () => {
      assert.equal(takeBecomesApplication(mode, role), expected);
    });
  }
});
