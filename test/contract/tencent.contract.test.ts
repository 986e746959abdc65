// The shared room contract on the Tencent backend: RoomEngine over the cloud double (engine-harness.ts).
import { describe } from 'node:test';
import { makeEngineHarness } from './engine-harness.js';
import { runRoomContract } from './room-contract.js';

describe('tencent backend (RoomEngine double)', () => {
  runRoomContract(makeEngineHarness);
});
