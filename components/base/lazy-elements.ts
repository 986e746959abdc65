// Elements that open on demand (the gift panel and the seat requests in `<vr-room>`'s bottom sheet, the lobby's
// room list) are not part of the kit's initial load (issue 14: the kit's JS before it runs, ≤ 40 KB gzip).
// `voiceroom-kit/components` registers a loader (`import()`) for each instead of the element itself, and a loader
// runs the first time its tag is on a page, wherever the page put it:
//  - in a kit element's shadow root: every `VrElement` checks its own tree after each update (only while some
//    loader has not run yet; one querySelector for the tags still missing);
//  - in the document: a MutationObserver, and a look at what is already there;
//  - anywhere else (a product's own shadow roots, an element made with createElement and not attached yet): once
//    the page has loaded and the browser is idle, every loader runs anyway, so a lazy tag used anywhere is defined
//    soon and upgrades in place (properties set before that are kept: Lit re-applies them on upgrade).
// `loadElements()` runs them all now: await it before calling a lazy element's methods on one you created yourself.
// An element module imported directly (`components/gift-panel/gift-panel.js`) defines its element at once.

type Loader = () => Promise<unknown>;

const loaders = new Map<string, Loader>();
const loading = new Map<string, Promise<void>>();
/** The tags whose loader has not run, as one selector for the ones still undefined. */
let missing = '';

function updateMissing(): void {
  missing = [...loaders.keys()]
    .filter((tag) => !loading.has(tag))
    .map((tag) => `${tag}:not(:defined)`)
    .join(',');
  if (!missing) observer?.disconnect();
}

/** Imports the element behind `tag` (once); resolves when it is defined. Unknown tags resolve at once. */
export function loadElement(tag: string): Promise<void> {
  const started = loading.get(tag);
  if (started) return started;
  const load = loaders.get(tag);
  if (!load) return Promise.resolve();
  const done = load().then(() => undefined);
  loading.set(tag, done);
  updateMissing();
  // A failed fetch (offline for a moment) may be tried again by the next sighting, but one already on the page (in
  // the document, in an open sheet) may never be sighted again: it is asked for again when the network may be back.
  done.catch(() => {
    loading.delete(tag);
    updateMissing();
    retryWhenBack(() => customElements.get(tag) || void loadElement(tag));
  });
  return done;
}

const RETRY_ON = ['online', 'pointerdown', 'keydown'];
const retries = new Set<() => void>();

/**
 * Runs `retry` once, at the next sign that the network may be back after a fetch failed: the window's `online`, or
 * the next press or key anywhere in the page. Never on a failure alone, so nothing loops while offline. For the
 * lazy elements here and the lazy parts of elements (`LazyPart`), all on the same listeners.
 */
export function retryWhenBack(retry: () => void): void {
  if (typeof window === 'undefined') return;
  if (!retries.size) for (const type of RETRY_ON) window.addEventListener(type, runRetries, true);
  retries.add(retry);
}

function runRetries(): void {
  for (const type of RETRY_ON) window.removeEventListener(type, runRetries, true);
  const due = [...retries];
  retries.clear();
  for (const retry of due) retry();
}

/**
 * Runs `run` once the browser has nothing better to do (at the latest 4 s later; 1 s later where there is no
 * `requestIdleCallback`). Returns what cancels it.
 */
export function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 4_000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 1_000);
  return () => clearTimeout(handle);
}

/** Imports every lazy element now; resolves when all are defined. */
export function loadElements(): Promise<void> {
  return Promise.all([...loaders.keys()].map(loadElement)).then(() => undefined);
}

/** Loads the lazy elements that `root` holds and that are not defined yet. */
export function loadElementsIn(root: ParentNode): void {
  if (!missing) return;
  for (const el of root.querySelectorAll(missing)) void loadElement(el.localName);
}

let observer: MutationObserver | undefined;

/** Registers elements loaded on first sight (see above); called by the `voiceroom-kit/components` entry. */
export function lazyElements(entries: Record<string, Loader>): void {
  // Outside a browser (a server render, a Node test importing the entry) nothing is ever on a page to load for.
  if (typeof customElements === 'undefined') return;
  for (const [tag, load] of Object.entries(entries)) if (!customElements.get(tag)) loaders.set(tag, load);
  updateMissing();
  if (!missing || typeof document === 'undefined') return;
  observer ??= new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!missing || !(node instanceof Element)) continue;
        if (node.matches(missing)) void loadElement(node.localName);
        loadElementsIn(node);
      }
  });
  observer.observe(document, { childList: true, subtree: true });
  loadElementsIn(document);
  const load = () => whenIdle(() => void loadElements().catch(() => undefined));
  if (document.readyState === 'complete') load();
  else window.addEventListener('load', load, { once: true });
}
