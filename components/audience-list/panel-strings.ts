// <vr-audience-list>'s member panel's English strings. They load with it, not with the kit's entry (issue 14): most pages never open it.
// The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';

export const audiencePanelStrings = {
  'audience.title': 'Audience',
  'audience.total': '{n} in the room',
  'audience.search': 'Search by name or ID',
  'audience.list': 'Members',
} as const;

addStrings(audiencePanelStrings);
