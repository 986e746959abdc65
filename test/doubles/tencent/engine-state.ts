// State of the RoomEngine test double's cloud (see engine-cloud.ts): tabs, engine instances as the cloud sees them,
// rooms with their seats, members and requests. Plain data; the rules live in engine-rooms.ts, engine-members.ts and engine-seats.ts.
import type {
  GiftInfo,
  TUIRequest,
  TUIRequestCallback,
  TUISeatInfo,
} from '../../../src/backends/tencent/engine-sdk.js';

export interface Profile {
  userName: string;
  avatarUrl: string;
}

/** The SDK's listener type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's own listener type
export type Listener = (...args: any[]) => void;

export interface Session {
  readonly userId: string;
  readonly expiresAt: number;
  timer: unknown;
  /** The UserSig expired: the cloud dropped the session (calls fail -1002 until a new login). */
  expired: boolean;
}

/** One browser tab: the engine class's static login state and the instances made from it. */
export class Tab {
  session: Session | null = null;
  /** The user this tab last signed in as (its network is that user's network). */
  userId = '';
  readonly clients = new Set<Client>();
  constructor(readonly id: number) {}
}

export interface InboxItem {
  readonly run: () => void;
  /** Kept for later (not dropped) when the instance's link is down. */
  readonly critical: boolean;
}

/** The cloud's side of one engine instance: its room, audio state, listeners and inbox. */
export class Client {
  roomId: string | null = null;
  /** The room the cloud removed this instance from while its link was down (told on reconnection). */
  evictedFrom: string | null = null;
  destroyed = false;
  /** The seat list as this instance last received it (the base of the catch-up diff). */
  knownSeats: TUISeatInfo[] = [];
  micOpen = false;
  muted = false;
  readonly remoteAudioMuted = new Set<string>();
  playoutVolume = 100;
  speakerDeviceId = '';
  autoplayResumes = 0;
  readonly listeners = {
    room: new Map<string, Set<Listener>>(),
    gift: new Map<string, Set<Listener>>(),
    live: new Map<string, Set<Listener>>(),
  };
  inbox: InboxItem[] = [];
  deferred: InboxItem[] = [];
  gates = 0;
  scheduled = false;
  constructor(
    readonly tab: Tab,
    readonly id: string,
  ) {}
  /** The signed-in user ('' before login). */
  get userId(): string {
    return this.tab.session?.userId ?? '';
  }
}

export interface SeatState {
  userId: string;
  locked: boolean;
  audioLocked: boolean;
  videoLocked: boolean;
}

export interface RequestState {
  readonly request: TUIRequest;
  readonly kind: 'apply' | 'invite';
  readonly roomId: string;
  /** The sender (applicant or inviter). */
  readonly from: string;
  /** The invitee (invitations only). */
  readonly to: string;
  readonly seatIndex: number;
  readonly senderClient: Client;
  readonly callback: ((info: TUIRequestCallback) => void) | undefined;
  timer: unknown;
}

export interface MemberState {
  readonly userId: string;
  readonly client: Client;
  readonly joinedAt: number;
  /** The heartbeat timer running while the member's link is down. */
  dropTimer: unknown;
}

export interface RoomSettings {
  name: string;
  notice: string;
  coverUrl: string;
  backgroundUrl: string;
  isPublicVisible: boolean;
  isMessageDisableForAllUser: boolean;
  isGiftEnabled: boolean;
  isLikeEnabled: boolean;
  isSeatEnabled: boolean;
  keepOwnerOnSeat: boolean;
  seatMode: 1 | 2;
  maxSeatCount: number;
  seatLayoutTemplateId: number;
  categoryList: number[];
  activityStatus: number;
}

export class RoomState {
  readonly members = new Map<string, MemberState>();
  readonly admins = new Set<string>();
  seats: SeatState[];
  readonly requests = new Map<string, RequestState>();
  /** userId → muted until (ms; Infinity = until lifted). Lapsed entries are ignored. */
  readonly mutedUntil = new Map<string, number>();
  /** userId → banned until (ms). */
  readonly bannedUntil = new Map<string, number>();
  readonly giftSenders = new Set<string>();
  totalGiftsSent = 0;
  totalGiftCoins = 0;
  totalLikes = 0;
  totalViewers = 0;
  messageSeq = 0;
  volumeTimer: unknown = null;
  readonly createTime: number;
  constructor(
    readonly roomId: string,
    public ownerId: string,
    readonly settings: RoomSettings,
    now: number,
  ) {
    this.createTime = Math.floor(now / 1000);
    this.seats = Array.from({ length: settings.isSeatEnabled ? settings.maxSeatCount : 0 }, () => ({
      userId: '',
      locked: false,
      audioLocked: false,
      videoLocked: false,
    }));
  }
}

export type GiftPreVerification = (userId: string, gift: GiftInfo, count: number) => boolean | Promise<boolean>;
