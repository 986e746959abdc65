// Pure translations between RoomEngine's records and the kit's model, so the backend's event handlers stay short
// and these rules are tested without an engine. Nothing here talks to the SDK.
import type { Gift } from '../../model/gift.js';
import type { LiveInfo } from '../../model/live-info.js';
import type { RoomListItem } from '../../model/room-list.js';
import type { Seat, SeatMode } from '../../model/seat.js';
import type { UserInfo } from '../../model/user.js';
import {
  type GiftCategory,
  type GiftInfo,
  type TUILiveInfo,
  type TUISeatInfo,
  type TUIUserInfo,
  TUISeatMode,
} from './engine-sdk.js';

/** A person as the engine describes them (seat, member, sender): the room name card wins over the profile nick. */
export function userFrom(
  info: Pick<TUIUserInfo, 'userId' | 'userName' | 'avatarUrl'> & { nameCard?: string },
): UserInfo {
  const name = (info.nameCard || info.userName || '').trim();
  return { userId: info.userId, userName: name || info.userId, avatarUrl: info.avatarUrl ?? '' };
}

export function seatModeFrom(mode: number): SeatMode {
  return mode === TUISeatMode.kApplyToTake ? 'apply' : 'free';
}

export function seatModeTo(mode: SeatMode): (typeof TUISeatMode)[keyof typeof TUISeatMode] {
  return mode === 'apply' ? TUISeatMode.kApplyToTake : TUISeatMode.kFreeToTake;
}

/**
 * One seat from the engine's seat list. `audible` tells whether the occupant's audio is on (the engine reports it
 * per user, not per seat); a seated user whose audio is off by their own choice shows as self-muted.
 */
export function seatFrom(info: TUISeatInfo, audible: (userId: string) => boolean): Seat {
  const user = info.userId ? userFrom(info) : null;
  return {
    index: info.index,
    user,
    locked: info.isLocked,
    audioLocked: info.isAudioLocked,
    selfMuted: user !== null && !info.isAudioLocked && !audible(user.userId),
  };
}

/** The seats that differ between two tables (by everything a client shows). */
export function changedSeats(before: readonly Seat[], after: readonly Seat[]): Seat[] {
  return after.filter((seat) => {
    const old = before[seat.index];
    return (
      !old ||
      old.user?.userId !== seat.user?.userId ||
      old.user?.userName !== seat.user?.userName ||
      old.user?.avatarUrl !== seat.user?.avatarUrl ||
      old.locked !== seat.locked ||
      old.audioLocked !== seat.audioLocked ||
      old.selfMuted !== seat.selfMuted
    );
  });
}

/** The kit's live info from the engine's, keeping what the engine does not carry (fans) from before. */
export function liveInfoFrom(info: TUILiveInfo, owner: UserInfo, before: LiveInfo | null): LiveInfo {
  return {
    roomId: info.roomId,
    name: info.name || info.roomId,
    coverUrl: info.coverUrl ?? '',
    notice: info.notice ?? '',
    owner,
    seatMode: seatModeFrom(info.seatMode),
    seatCount: info.maxSeatCount,
    isMessageDisabled: info.isMessageDisableForAllUser,
    isPublicVisible: info.isPublicVisible,
    createdAt: info.createTime ?? before?.createdAt ?? 0,
    ownerFans: before?.ownerFans ?? 0,
    keepOwnerOnSeat: info.keepOwnerOnSeat,
  };
}

export function ownerOf(info: TUILiveInfo): UserInfo {
  const userId = info.roomOwner ?? '';
  return { userId, userName: info.ownerName || userId, avatarUrl: info.ownerAvatarUrl ?? '' };
}

export function roomListItemFrom(info: TUILiveInfo): RoomListItem {
  return {
    roomId: info.roomId,
    name: info.name || info.roomId,
    coverUrl: info.coverUrl ?? '',
    owner: ownerOf(info),
    // The engine counts viewers including the owner; the lobby shows the others.
    viewers: Math.max(0, (info.totalViewers ?? 0) - 1),
    createdAt: info.createTime ?? 0,
  };
}

/**
 * A cloud gift as the kit's catalog entry. The console's gift configuration has no animation field of its own:
 * `resourceUrl` is the effect file TUILiveKit plays (SVGA), and the level orders the panel.
 */
export function giftFrom(info: GiftInfo, category?: string): Gift {
  const animationUrl = info.resourceUrl && /\.svga(\?|$)/i.test(info.resourceUrl) ? info.resourceUrl : undefined;
  return {
    giftId: info.giftID,
    name: info.name || info.giftID,
    iconUrl: info.iconUrl ?? '',
    price: Number.isFinite(info.coins) ? Math.max(0, info.coins) : 0,
    level: Number.isFinite(info.level) ? info.level : 1,
    ...(animationUrl ? { animationUrl } : {}),
    ...(category ? { category } : {}),
  };
}

/** The flat catalog from the engine's categories; a gift listed in several categories appears once. */
export function catalogFrom(categories: readonly GiftCategory[]): Gift[] {
  const seen = new Map<string, Gift>();
  for (const category of categories) {
    for (const info of category.giftList ?? [])
      if (!seen.has(info.giftID)) seen.set(info.giftID, giftFrom(info, category.name || category.categoryID));
  }
  return [...seen.values()];
}
