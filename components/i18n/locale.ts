import { type ReactiveController, type ReactiveControllerHost, type TemplateResult, html } from 'lit';
import { type ErrorCode, errorMessage } from '../../src/index.js';
import { type MessageKey, type Messages, en } from './strings.js';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** A locale's strings: the messages, and error texts where they differ from the documented English. */
export interface LocaleTable {
  readonly messages: Messages;
  readonly errors: Partial<Record<ErrorCode, string>>;
}

// English ships with the kit (the lazy parts add theirs as they load: `addStrings`); every other table is its own
// chunk, fetched the first time it is asked for.
const english: Record<string, string> = { ...en };
const tables = new Map<Locale, LocaleTable>([['en', { messages: english as Messages, errors: {} }]]);
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<LocaleTable>> = {
  'zh-CN': () => import('./zh-cn.js').then((m) => ({ messages: m.zhCN, errors: m.zhCNErrors })),
};
const loading = new Map<Locale, Promise<LocaleTable>>();

/**
 * Adds a lazy part's English strings (see strings.ts) to the English table; the part's module calls it when it
 * loads, before anything it renders asks for them.
 */
export function addStrings(strings: Readonly<Partial<Messages>>): void {
  Object.assign(english, strings);
}

/** One piece of a filled message: the table's own text, or a parameter's string that must render isolated. */
export interface MessagePart {
  readonly text: string;
  /** A string parameter (a user or room name, a gift name): rendered in its own bidi isolate. */
  readonly isolate: boolean;
}

/** The closest supported locale for a BCP 47 tag (`zh`, `zh-Hans-CN` → `zh-CN`; anything else → `en`). */
export function matchLocale(tag: string | undefined | null): Locale {
  const lower = (tag ?? '').toLowerCase();
  return lower === 'zh' || lower.startsWith('zh-') ? 'zh-CN' : 'en';
}

function initialLocale(): Locale {
  // The page's declared language, not the browser's: a page written in English stays English.
  return typeof document === 'undefined' ? 'en' : matchLocale(document.documentElement.lang);
}

let current: Locale = 'en';
let table: LocaleTable = tables.get('en')!;
/** The locale last asked for; a slower load of an earlier request must not win over it. */
let requested: Locale = 'en';
/** Settles when the table of the locale last asked for is in effect (or failed to load). */
let pending: Promise<void> | undefined;
const listeners = new Set<() => void>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function getLocale(): Locale {
  return current;
}

/**
 * Switches every live `vr-*` element at once (each re-renders through its LocaleController). A locale whose
 * strings are loaded switches before this returns; another switches when its table arrives, which the returned
 * promise reports (it rejects if the table cannot be fetched, and the current locale stays).
 */
export function setLocale(locale: Locale | string): Promise<void> {
  const next = (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : matchLocale(locale);
  requested = next;
  const ready = tables.get(next);
  if (ready) {
    pending = undefined;
    apply(next, ready);
    return Promise.resolve();
  }
  const load = loadTable(next).then((loaded) => {
    if (requested === next) apply(next, loaded);
  });
  const settled = load.catch(() => undefined);
  pending = settled;
  void settled.then(() => {
    if (pending === settled) pending = undefined;
  });
  return load;
}

/**
 * Resolves once the locale last asked for is in effect (at once when nothing is loading). Elements hold their
 * first render on it, so a page whose `lang` is Chinese never flashes English while the table loads.
 */
export function localeReady(): Promise<void> | undefined {
  return pending;
}

function loadTable(locale: Locale): Promise<LocaleTable> {
  let load = loading.get(locale);
  if (!load) {
    load = loaders[locale as Exclude<Locale, 'en'>]().then((loaded) => {
      tables.set(locale, loaded);
      return loaded;
    });
    // A failed fetch (offline) may be retried by the next setLocale.
    load.catch(() => loading.delete(locale));
    loading.set(locale, load);
  }
  return load;
}

function apply(locale: Locale, next: LocaleTable): void {
  if (locale === current) return;
  current = locale;
  table = next;
  for (const listener of [...listeners]) listener();
}

// The page's declared language picks the first locale; a Chinese page starts loading its table with the kit.
const initial = initialLocale();
if (initial !== 'en') void setLocale(initial).catch(() => undefined);

/** Called on every locale change until the returned function is called. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Numbers in the current locale (`1,234` / `1,234`; compact: `1.2K` / `1.2万`). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${current}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(current, options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * A string from the table with `{name}` placeholders filled; numbers go through `formatNumber`. The pieces of
 * `msgParts` joined: one filling path (it was written twice; issue 14).
 */
export function msg(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return msgParts(key, params)
    .map((part) => part.text)
    .join('');
}

/**
 * A count-dependent variant `key#one` / `key#few` … for the current locale's plural category of `n`, when that
 * locale's table has one ("1 fan" vs "2 fans"; Chinese needs none and falls back to the plain key).
 */
function pluralForm(key: MessageKey, n: string | number | undefined): string | undefined {
  if (typeof n !== 'number') return undefined;
  const category = new Intl.PluralRules(current).select(n);
  return (table.messages as Readonly<Record<string, string | undefined>>)[`${key}#${category}`];
}

/**
 * `msg` in pieces, so a name inside a sentence ("Ann sent Rose to Bo") can be rendered isolated: a name written
 * right-to-left (or carrying a stray bidi control) then cannot reorder the words around it.
 */
export function msgParts(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): MessagePart[] {
  const template = pluralForm(key, params['n']) ?? table.messages[key] ?? english[key] ?? key;
  const parts: MessagePart[] = [];
  let at = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!;
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) continue;
    if (match.index > at) parts.push({ text: template.slice(at, match.index), isolate: false });
    parts.push(
      typeof value === 'number' ? { text: formatNumber(value), isolate: false } : { text: value, isolate: true },
    );
    at = match.index + match[0].length;
  }
  if (at < template.length) parts.push({ text: template.slice(at), isolate: false });
  return parts;
}

/** `msg` for templates: the same text, with every string parameter in a `<bdi>` (see msgParts). */
export function msgIsolated(
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): (string | TemplateResult)[] {
  return msgParts(key, params).map((part) => (part.isolate ? html`<bdi>${part.text}</bdi>` : part.text));
}

/** The documented message for an error code, translated where the table has it. */
export function errorText(code: ErrorCode): string {
  return table.errors[code] ?? errorMessage(code);
}

/** Re-renders its host when the locale changes; listens only while the host is connected. */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #stop: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get locale(): Locale {
    return current;
  }

  hostConnected(): void {
    this.#stop = onLocaleChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
