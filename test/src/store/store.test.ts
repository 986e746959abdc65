import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Observable, Subject } from 'rxjs';
import { Store, select, shallowArrayEqual } from '../../../src/store/store.js';

interface Counter {
  readonly count: number;
  readonly label: string;
}

describe('Store', () => {
  it('emits the current state to a new subscriber, then once per update however many reducers it folds', () => {
    const store = new Store<Counter>({ count: 0, label: 'a' });
    const seen: Counter[] = [];
    const sub = store.state$.subscribe((s) => seen.push(s));
    store.update(
      (s) => ({ ...s, count: s.count + 1 }),
      (s) => ({ ...s, count: s.count + 1 }),
      (s) => ({ ...s, label: 'b' }),
    );
    assert.deepEqual(seen, [
      { count: 0, label: 'a' },
      { count: 2, label: 'b' },
    ]);
    assert.deepEqual(store.value, { count: 2, label: 'b' });
    sub.unsubscribe();
  });

  it('does not emit when the reducers return the same state object', () => {
    const store = new Store<Counter>({ count: 0, label: 'a' });
    let emissions = 0;
    const sub = store.state$.subscribe(() => emissions++);
    store.update((s) => s);
    store.update((s) => (s.count > 5 ? { ...s, count: 0 } : s));
    store.update();
    assert.equal(emissions, 1, 'only the initial replay');
    sub.unsubscribe();
  });

  it('reports whether anyone listens and completes its subscribers', () => {
    const store = new Store({ n: 1 });
    assert.equal(store.observed, false);
    let completed = false;
    const sub = store.state$.subscribe({ complete: () => (completed = true) });
    assert.equal(store.observed, true);
    store.complete();
    assert.equal(completed, true);
    sub.unsubscribe();
    assert.equal(store.observed, false);
  });
});

describe('select', () => {
  /** A source that counts its live subscriptions, so the test can see select() let go of it. */
  function countedSource<T>() {
    const subject = new Subject<T>();
    let live = 0;
    let subscribes = 0;
    const source$ = new Observable<T>((subscriber) => {
      live++;
      subscribes++;
      const sub = subject.subscribe(subscriber);
      return () => {
        live--;
        sub.unsubscribe();
      };
    });
    return { subject, source$, live: () => live, subscribes: () => subscribes };
  }

  it('emits only distinct projections', () => {
    const store = new Store<Counter>({ count: 0, label: 'a' });
    const counts: number[] = [];
    const sub = select(store.state$, (s) => s.count).subscribe((c) => counts.push(c));
    store.update((s) => ({ ...s, label: 'b' }));
    store.update((s) => ({ ...s, count: 1 }));
    store.update((s) => ({ ...s, label: 'c' }));
    store.update((s) => ({ ...s, count: 1 }));
    store.update((s) => ({ ...s, count: 2 }));
    assert.deepEqual(counts, [0, 1, 2]);
    sub.unsubscribe();
  });

  it('uses the given equality, e.g. shallowArrayEqual for rebuilt arrays of the same items', () => {
    const store = new Store<{ items: readonly string[]; other: number }>({ items: ['x'], other: 0 });
    const seen: (readonly string[])[] = [];
    const sub = select(store.state$, (s) => s.items.slice(), shallowArrayEqual).subscribe((v) => seen.push(v));
    store.update((s) => ({ ...s, other: 1 }));
    store.update((s) => ({ ...s, items: [...s.items, 'y'] }));
    assert.deepEqual(seen, [['x'], ['x', 'y']]);
    sub.unsubscribe();
  });

  it('shares one source subscription, replays the latest value to late subscribers, and lets go with the last one', () => {
    const source = countedSource<number>();
    let projections = 0;
    const doubled$ = select(source.source$, (n) => {
      projections++;
      return n * 2;
    });
    assert.equal(source.live(), 0, 'nothing subscribes before anyone listens');

    const a: number[] = [];
    const b: number[] = [];
    const subA = doubled$.subscribe((v) => a.push(v));
    source.subject.next(1);
    const subB = doubled$.subscribe((v) => b.push(v));
    assert.equal(source.live(), 1, 'two subscribers share one source subscription');
    assert.deepEqual(b, [2], 'a late subscriber gets the current value at once');
    source.subject.next(2);
    assert.deepEqual(a, [2, 4]);
    assert.deepEqual(b, [2, 4]);
    assert.equal(projections, 2, 'each source value is projected once, not once per subscriber');

    subA.unsubscribe();
    assert.equal(source.live(), 1, 'still one listener');
    subB.unsubscribe();
    assert.equal(source.live(), 0, 'the last unsubscribe unsubscribes from the source');

    const c: number[] = [];
    const subC = doubled$.subscribe((v) => c.push(v));
    assert.equal(source.subscribes(), 2, 'a new subscriber resubscribes');
    assert.deepEqual(c, [], 'and gets no stale value from before the refCount dropped to zero');
    subC.unsubscribe();
    assert.equal(source.live(), 0);
  });
});
