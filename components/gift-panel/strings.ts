// <vr-gift-panel>'s English strings. They load with it, not with the kit's entry (issue 14): most pages never open it.
// The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';

export const giftPanelStrings = {
  'gift.panel': 'Gifts',
  'gift.sendTo': 'Send to',
  'gift.receiver': 'Send to {name}',
  'gift.noReceiver': 'Nobody on a seat to send to yet',
  'gift.categories': 'Gift categories',
  'gift.list': 'Gifts',
  'gift.level': 'Lv.{level}',
  'gift.option': '{name}, {price} coins, level {level}',
  'gift.option#one': '{name}, {price} coin, level {level}',
  'gift.count': 'Quantity',
  'gift.countOption': '×{count}',
  'gift.balance': 'Balance',
  'gift.balanceLabel': 'Balance: {coins} coins',
  'gift.recharge': 'Recharge',
  'gift.send': 'Send',
  'gift.sendLabel': 'Send {count} × {name} to {receiver} for {amount} coins',
  'gift.sending': 'Sending…',
  'gift.insufficient': 'Not enough coins: {needed} needed',
  'gift.empty': 'No gifts yet',
  'gift.loading': 'Loading gifts…',
  'gift.choose': 'Choose a gift',
} as const;

addStrings(giftPanelStrings);
