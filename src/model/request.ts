import type { UserInfo } from './user.js';

/** One state machine for both directions: a member applies for a seat, or an owner/admin invites a member. */
export const RequestType = {
  apply: 'apply',
  invite: 'invite',
} as const;
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

export const RequestStatus = {
  pending: 'pending',
  accepted: 'accepted',
  rejected: 'rejected',
  cancelled: 'cancelled',
  timeout: 'timeout',
  /** Only ever seen by an owner/admin: another owner/admin answered the application first. */
  handledByOther: 'handled-by-other',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export interface SeatRequest {
  readonly requestId: string;
  readonly type: RequestType;
  /** apply: the applicant; invite: the inviting owner/admin. */
  readonly from: UserInfo;
  /** apply: null (any owner/admin may answer); invite: the invitee. */
  readonly to: UserInfo | null;
  /** The seat asked for; null means any free seat. */
  readonly seatIndex: number | null;
  readonly status: RequestStatus;
  readonly createdAt: number;
  /** Epoch ms after which the request times out; null = no timeout. */
  readonly expiresAt: number | null;
  /** Who accepted/rejected/cancelled it, once it is no longer pending. */
  readonly responderId: string | null;
}

export const DEFAULT_REQUEST_TIMEOUT_SEC = 60;
/** The longest timeout a request may ask for (1 day); 0 means none. */
export const MAX_REQUEST_TIMEOUT_SEC = 86_400;
