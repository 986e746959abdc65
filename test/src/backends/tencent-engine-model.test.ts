// The pure translations between RoomEngine's records and the kit's model (src/backends/tencent/engine-model.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  catalogFrom,
  changedSeats,
  giftFrom,
  liveInfoFrom,
  ownerOf,
  roomListItemFrom,
  seatFrom,
  seatModeFrom,
  seatModeTo,
  userFrom,
} from '../../../src/backends/tencent/engine-model.js';
import {
  type GiftInfo,
  type TUILiveInfo,
  type TUISeatInfo,
  TUISeatMode,
} from '../../../src/backends/tencent/engine-sdk.js';

const seat = (index: number, userId = '', extra: Partial<TUISeatInfo> = {}): TUISeatInfo => ({
  index,
  userId,
  userName: userId ? `${userId} nick` : '',
  nameCard: '',
  avatarUrl: '',
  isLocked: false,
  isVideoLocked: false,
  isAudioLocked: false,
  ...extra,
});
const live: TUILiveInfo = {
  roomId: 'r1',
  roomType: 2,
  name: '',
  notice: 'hi',
  isMessageDisableForAllUser: false,
  isGiftEnabled: true,
  isLikeEnabled: true,
  isPublicVisible: true,
  isSeatEnabled: true,
  keepOwnerOnSeat: true,
  seatLayoutTemplateId: 0,
  maxSeatCount: 8,
  seatMode: TUISeatMode.kApplyToTake,
  coverUrl: '',
  backgroundUrl: '',
  categoryList: [],
  activityStatus: 0,
  roomOwner: 'ava',
  ownerName: 'Ava',
  ownerAvatarUrl: '/a.png',
  createTime: 1_700_000_000_000,
  totalViewers: 5,
};
const gift = (giftID: string, extra: Partial<GiftInfo> = {}): GiftInfo => ({
  giftID,
  name: giftID,
  desc: '',
  iconUrl: '',
  resourceUrl: '',
  level: 1,
  coins: 10,
  extensionInfo: {},
  ...extra,
});

describe('engine model', () => {
  it('a person: the room name card wins over the nick, and an empty name falls back to the user ID', () => {
    assert.deepEqual(userFrom({ userId: 'u1', userName: 'Nick', nameCard: 'Card', avatarUrl: '/u.png' }), {
      userId: 'u1',
      userName: 'Card',
      avatarUrl: '/u.png',
    });
    assert.deepEqual(userFrom({ userId: 'u1', userName: '  ', avatarUrl: '' }), {
      userId: 'u1',
      userName: 'u1',
      avatarUrl: '',
    });
  });

  it('seat modes map both ways', () => {
    assert.equal(seatModeFrom(TUISeatMode.kApplyToTake), 'apply');
    assert.equal(seatModeFrom(TUISeatMode.kFreeToTake), 'free');
    assert.equal(seatModeTo('apply'), TUISeatMode.kApplyToTake);
    assert.equal(seatModeTo('free'), TUISeatMode.kFreeToTake);
  });

  it('a seat: empty (userId ""), occupied, self-muted only when not audio-locked', () => {
    const silent = new Set(['ben']);
    const audible = (id: string) => !silent.has(id);
    assert.deepEqual(seatFrom(seat(0), audible), {
      index: 0,
      user: null,
      locked: false,
      audioLocked: false,
      selfMuted: false,
    });
    assert.equal(seatFrom(seat(1, 'ava'), audible).selfMuted, false);
    assert.equal(seatFrom(seat(2, 'ben'), audible).selfMuted, true);
    assert.equal(
      seatFrom(seat(2, 'ben', { isAudioLocked: true }), audible).selfMuted,
      false,
      "a lock is not the occupant's choice",
    );
  });

  it('changedSeats lists only seats that differ in what a client shows', () => {
    const audible = () => true;
    const before = [seat(0, 'ava'), seat(1), seat(2)].map((s) => seatFrom(s, audible));
    const after = [seat(0, 'ava'), seat(1, 'ben'), seat(2, '', { isLocked: true })].map((s) => seatFrom(s, audible));
    assert.deepEqual(
      changedSeats(before, after).map((s) => s.index),
      [1, 2],
    );
    assert.deepEqual(changedSeats(after, after), []);
  });

  it('live info keeps the fans it already knew and names the room by its ID when unnamed', () => {
    const owner = ownerOf(live);
    assert.deepEqual(owner, { userId: 'ava', userName: 'Ava', avatarUrl: '/a.png' });
    const info = liveInfoFrom(live, owner, { ...liveInfoFrom(live, owner, null), ownerFans: 7 });
    assert.equal(info.name, 'r1');
    assert.equal(info.ownerFans, 7);
    assert.equal(info.seatMode, 'apply');
    assert.equal(info.seatCount, 8);
  });

  it('the lobby counts viewers besides the owner', () => {
    assert.equal(roomListItemFrom(live).viewers, 4);
    assert.equal(roomListItemFrom({ ...live, totalViewers: 0 }).viewers, 0);
  });

  it('a cloud gift: an SVGA resource is the effect, other resources are not; a bad price reads 0', () => {
    assert.equal(
      giftFrom(gift('rocket', { resourceUrl: 'https://cdn/x/rocket.svga?v=2' })).animationUrl,
      'https://cdn/x/rocket.svga?v=2',
    );
    assert.equal(giftFrom(gift('rose', { resourceUrl: 'https://cdn/rose.png' })).animationUrl, undefined);
    assert.equal(giftFrom(gift('odd', { coins: Number.NaN })).price, 0);
  });

  it('the catalog lists a gift once even when several categories hold it, with its first category', () => {
    const catalog = catalogFrom([
      { categoryID: 'a', name: 'Popular', desc: '', extensionInfo: {}, giftList: [gift('rose'), gift('rocket')] },
      { categoryID: 'b', name: 'Luxury', desc: '', extensionInfo: {}, giftList: [gift('rocket'), gift('car')] },
    ]);
    assert.deepEqual(
      catalog.map((g) => [g.giftId, g.category]),
      [
        ['rose', 'Popular'],
        ['rocket', 'Popular'],
        ['car', 'Luxury'],
      ],
    );
  });
});
