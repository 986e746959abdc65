export { LOCALES, type Locale, LocaleController, errorText, formatNumber, getLocale, matchLocale, msg, onLocaleChange, setLocale } from './locale.js';
export { type MessageKey, type Messages, en, zhCN, zhCNErrors } from './strings.js';
