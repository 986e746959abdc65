// The owner/admin request prompt's English strings: they load with its chunk (request-prompt.ts), not with the kit's
// entry (issue 14). The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile
// error. The answer buttons' words are shared with <vr-seat-requests> and stay in the entry's table.
import { addStrings } from '../i18n/locale.js';

export const promptStrings = {
  'room.prompt.title': '{name} wants to speak',
  'room.prompt.more': '+{n} more waiting',
} as const;

addStrings(promptStrings);
