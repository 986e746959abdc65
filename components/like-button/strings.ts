// <vr-like-button>'s English strings. They load with it, in the chunk of the room's live view
// (room/live-elements.ts), not with the kit's entry (issue 14); the zh-CN table (i18n/zh-cn.ts) still holds every key.
import { addStrings } from '../i18n/locale.js';

export const likeStrings = {
  'like.label': 'Like',
  'like.labelCount': 'Like, {count} likes',
  'like.labelCount#one': 'Like, {count} like',
  'like.received': '{n} new likes',
  'like.received#one': '{n} new like',
};
addStrings(likeStrings);
