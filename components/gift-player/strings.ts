// <vr-gift-player>'s English strings (banners, the stage's caption and loading text, the announcement). They load
// with the part that shows effects (effects-part.ts), not with the kit's entry (issue 14). The zh-CN table
// (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';

export const giftPlayerStrings = {
  'gift.announce': '{sender} sent {gift} ×{count} to {receiver}',
  'gift.announceOne': '{sender} sent {gift} to {receiver}',
  'gift.sentTo': 'sent {gift} to {receiver}',
  'gift.loadingEffect': 'Loading {gift}… {percent}',
} as const;

addStrings(giftPlayerStrings);
