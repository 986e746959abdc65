import { BehaviorSubject, type Observable, distinctUntilChanged, map, shareReplay } from 'rxjs';

export type Reducer<S> = (state: S) => S;

/**
 * A BehaviorSubject of immutable state changed only through reducers (Elf's shape). `update` folds the reducers
 * and emits once, and only when the state object actually changed.
 */
export class Store<S> {
  readonly #subject: BehaviorSubject<S>;
  readonly #listeners = new Set<(state: S) => void>();
  readonly state$: Observable<S>;

  constructor(initial: S) {
    this.#subject = new BehaviorSubject(initial);
    this.state$ = this.#subject.asObservable();
  }

  get value(): S {
    return this.#subject.getValue();
  }

  update(...reducers: ReadonlyArray<Reducer<S>>): void {
    const current = this.#subject.getValue();
    const next = reducers.reduce((state, reducer) => reducer(state), current);
    if (next === current) return;
    this.#subject.next(next);
    for (const listener of this.#listeners) listener(next);
  }

  /**
   * An internal reaction to every change (the owner's own bookkeeping, e.g. the room following its state with
   * the microphone). Unlike a subscription it does not count as someone observing the store, so leak checks
   * (`observed`) still see only outside subscribers.
   */
  onChange(listener: (state: S) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  complete(): void {
    this.#listeners.clear();
    this.#subject.complete();
  }

  /** Whether anyone still listens; the leak tests use it. */
  get observed(): boolean {
    return this.#subject.observed;
  }
}

/**
 * A slice of state: map + distinctUntilChanged + shareReplay with refCount, so slices are cheap, late subscribers
 * get the current value, and nothing stays subscribed once the last subscriber leaves.
 */
export function select<S, R>(
  state$: Observable<S>,
  project: (state: S) => R,
  equals: (a: R, b: R) => boolean = Object.is,
): Observable<R> {
  return state$.pipe(map(project), distinctUntilChanged(equals), shareReplay({ bufferSize: 1, refCount: true }));
}

/** Equality for small arrays of references, so a selector that builds a new array from unchanged items is quiet. */
export function shallowArrayEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
