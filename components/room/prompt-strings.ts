// The owner/admin request prompt's English strings: they load with its chunk (request-prompt.ts), not with the kit's
// entry (issue 14). The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile
// error.
import { addStrings } from '../i18n/locale.js';
import { requestAnswerStrings } from '../seat-requests/answer-strings.js';

export const promptStrings = {
  'room.prompt.title': '{name} wants to speak',
  'room.prompt.more': '+{n} more waiting',
} as const;

addStrings(promptStrings);
addStrings(requestAnswerStrings); // the answer buttons' words, shared with <vr-seat-requests> (answer-strings.ts)
