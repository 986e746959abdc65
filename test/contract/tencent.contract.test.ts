// The shared room contract on the Tencent backend (Chat + TRTC doubles, see tencent-harness.ts): once with Chat's
// signalling module, where seat applications and invitations are signalling invitations, and once without it,
// where the same steps travel as commands to the owner.
import { describe } from 'node:test';
import { makeTencentHarness } from './tencent-harness.js';
import { runRoomContract } from './room-contract.js';

describe('tencent backend (Chat + TRTC doubles)', () => {
  runRoomContract(makeTencentHarness);
});

describe('tencent backend without the signalling module', () => {
  runRoomContract(() => makeTencentHarness({ signalling: false }));
});
