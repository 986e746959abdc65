export {
  LOCALES, type Locale, LocaleController, type MessagePart, errorText, formatNumber, getLocale, matchLocale, msg, msgIsolated, msgParts, onLocaleChange,
  setLocale,
} from './locale.js';
export { type MessageKey, type Messages, en, zhCN, zhCNErrors } from './strings.js';
