export {
  LOCALES,
  type Locale,
  LocaleController,
  type LocaleTable,
  type MessagePart,
  errorText,
  formatNumber,
  getLocale,
  matchLocale,
  msg,
  msgIsolated,
  msgParts,
  localeReady,
  onLocaleChange,
  setLocale,
} from './locale.js';
export { type MessageKey, type Messages, en } from './strings.js';
