// The batch sequencer alone, against a host that records what it is told to apply and answers snapshot requests
// when the test says: ordering, duplicates, gaps → one resync, drops, and which snapshot wins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventBatch } from '../../../src/model/events.js';
import type { RoomSnapshot } from '../../../src/model/room.js';
import { BatchSequencer, type SequencerHost } from '../../../src/store/batch-sequencer.js';
import { alice, batch, snapshotAt, takes } from './fixtures.js';

/** A host whose state is just a version: applying a run moves it to the run's last version. */
class Host implements SequencerHost {
  current: number | null = null;
  /** Each run applied, as its versions. */
  readonly runs: number[][] = [];
  readonly adopted: number[] = [];
  readonly resyncedWith: number[] = [];
  readonly failures: unknown[] = [];
  /** Snapshot requests not answered yet, oldest first. */
  readonly requests: { resolve(snapshot: RoomSnapshot): void; reject(error: unknown): void }[] = [];

  readonly version = () => this.current;
  readonly apply = (run: readonly EventBatch[]) => {
    const versions = run.map((b) => b.version);
    assert.equal(versions[0], (this.current ?? 0) + 1, 'a run continues the current version');
    versions.forEach((v, i) => i === 0 || assert.equal(v, versions[i - 1]! + 1, 'a run is consecutive'));
    this.runs.push(versions);
    this.current = versions.at(-1)!;
  };
  readonly adopt = (snapshot: RoomSnapshot) => {
    this.adopted.push(snapshot.version);
    this.current = snapshot.version;
  };
  readonly fetchSnapshot = () =>
    new Promise<RoomSnapshot>((resolve, reject) => this.requests.push({ resolve, reject }));
  readonly resynced = (snapshot: RoomSnapshot) => void this.resyncedWith.push(snapshot.version);
  readonly resyncFailed = (error: unknown) => void this.failures.push(error);

  /** Answers the oldest snapshot request with the room at `version`, and lets the sequencer finish with it. */
  async answer(version: number): Promise<void> {
    const request = this.requests.shift();
    assert.ok(request, 'a snapshot was asked for');
    request.resolve(snapshotAt(version));
    await settle();
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const at = (...versions: number[]) => versions.map((v) => batch(v, takes(1, alice)));

/** A sequencer that joined at `version`. */
function joined(version = 1): { host: Host; sequencer: BatchSequencer } {
  const host = new Host();
  const sequencer = new BatchSequencer(host);
  sequencer.adopt(snapshotAt(version));
  return { host, sequencer };
}

describe('BatchSequencer: order', () => {
  it('applies batches that continue the version as they come, each frame as one run', () => {
    const { host, sequencer } = joined();
    sequencer.receive(at(2));
    sequencer.receive(at(3, 4));
    assert.deepEqual(host.runs, [[2], [3, 4]]);
    assert.equal(host.requests.length, 0);
  });

  it('puts a frame in order: 4, 2, 3 is one run 2–4', () => {
    const { host, sequencer } = joined();
    sequencer.receive(at(4, 2, 3));
    assert.deepEqual(host.runs, [[2, 3, 4]]);
    assert.equal(host.requests.length, 0);
  });

  it('ignores duplicates and batches the state already has', () => {
    const { host, sequencer } = joined(2);
    sequencer.receive(at(2, 1, 3, 3));
    sequencer.receive(at(3));
    assert.deepEqual(host.runs, [[3]]);
    assert.equal(host.requests.length, 0);
  });

  it('before the first snapshot batches wait; the snapshot then continues with the ones beyond it', () => {
    const host = new Host();
    const sequencer = new BatchSequencer(host);
    sequencer.receive(at(2, 3, 4));
    assert.deepEqual(host.runs, []);
    sequencer.adopt(snapshotAt(2));
    assert.deepEqual(host.runs, [[3, 4]]);
    assert.equal(host.requests.length, 0);
  });
});

describe('BatchSequencer: gaps and resync', () => {
  it('a gap asks for one snapshot however many batches follow, then continues from it', async () => {
    const { host, sequencer } = joined();
    sequencer.receive(at(3));
    sequencer.receive(at(4));
    sequencer.receive(at(2));
    assert.deepEqual(host.runs, [], 'nothing applies while the resync runs');
    assert.equal(host.requests.length, 1, 'one request for the gap');
    sequencer.receive(at(6));
    await host.answer(4);
    assert.deepEqual(host.adopted, [1, 4]);
    assert.deepEqual(host.resyncedWith, [4]);
    assert.deepEqual(host.runs, [], '2–4 are in the snapshot; 6 is beyond another gap');
    assert.equal(host.requests.length, 1, 'the gap to 6 asks again');
    sequencer.receive(at(5));
    await host.answer(5);
    assert.deepEqual(host.runs, [[6]]);
  });

  it('a frame with a gap applies what continues and keeps the rest for after the snapshot', async () => {
    const { host, sequencer } = joined();
    sequencer.receive(at(2, 3, 5, 6));
    assert.deepEqual(host.runs, [[2, 3]]);
    assert.equal(host.requests.length, 1);
    await host.answer(4);
    assert.deepEqual(host.runs, [
      [2, 3],
      [5, 6],
    ]);
  });

  it('callers waiting for a version share the resync in flight', async () => {
    const { host, sequencer } = joined();
    const first = sequencer.resync();
    assert.equal(sequencer.resync(), first);
    assert.equal(host.requests.length, 1);
    await host.answer(3);
    await first;
    assert.equal(host.current, 3);
  });

  it("a join answer never rolls the state back, a resync's snapshot always wins (a restarted server)", async () => {
    const { host, sequencer } = joined(5);
    sequencer.adopt(snapshotAt(3));
    assert.equal(host.current, 5, 'an older join answer is ignored');
    void sequencer.resync();
    await host.answer(3);
    assert.equal(host.current, 3);
    sequencer.receive(at(4));
    assert.deepEqual(host.runs, [[4]], 'later batches continue from the lower version');
  });

  it('a refused resync is reported; a gap still open asks again', async () => {
    const { host, sequencer } = joined();
    sequencer.receive(at(3));
    const refusal = new Error('not in the room');
    host.requests.shift()!.reject(refusal);
    await settle();
    assert.deepEqual(host.failures, [refusal]);
    assert.equal(host.requests.length, 1, 'batch 3 is still beyond a gap');
    sequencer.receive(at(2));
    await host.answer(2);
    assert.deepEqual(host.runs, [[3]]);
  });
});

describe('BatchSequencer: connection drops', () => {
  it('forgets what was buffered before a drop: the next snapshot does not continue with it', () => {
    const host = new Host();
    const sequencer = new BatchSequencer(host);
    sequencer.receive(at(2, 3));
    sequencer.disconnected(false);
    sequencer.adopt(snapshotAt(1));
    assert.deepEqual(host.runs, []);
    sequencer.receive(at(2));
    assert.deepEqual(host.runs, [[2]]);
  });

  it('after a drop of a live room, batches wait for a snapshot of this connection, then continue from it', async () => {
    const { host, sequencer } = joined(3);
    sequencer.disconnected(true);
    sequencer.receive(at(2));
    assert.deepEqual(host.runs, [], 'the state may belong to a server that is gone');
    void sequencer.resync();
    await host.answer(1);
    assert.deepEqual(host.runs, [[2]], 'a restarted server at version 1: its batch 2 applies');
  });

  it('a snapshot asked for before a drop is not adopted after it', async () => {
    const { host, sequencer } = joined();
    sequencer.receive(at(3));
    assert.equal(host.requests.length, 1, 'a resync from before the drop');
    sequencer.disconnected(true);
    sequencer.receive(at(2));
    assert.deepEqual(host.runs, [], 'held until a snapshot of this connection');
    void sequencer.resync();
    assert.equal(host.requests.length, 2, 'this connection asks again');
    await host.answer(9);
    assert.deepEqual(host.adopted, [1], 'the old answer is not adopted');
    assert.deepEqual(host.failures, []);
    await host.answer(4);
    assert.deepEqual(host.adopted, [1, 4]);
    sequencer.receive(at(5));
    assert.deepEqual(host.runs, [[5]]);
  });

  it('after close() a snapshot answer is not adopted and a refusal not reported', async () => {
    const { host, sequencer } = joined();
    void sequencer.resync();
    sequencer.close();
    await host.answer(4);
    void sequencer.resync();
    host.requests.shift()!.reject(new Error('gone'));
    await settle();
    assert.deepEqual(host.adopted, [1]);
    assert.deepEqual(host.failures, []);
  });
});
