/** A person as every other client sees them. IDs follow the seed: a-zA-Z0-9, '-' and '_', at most 32 bytes. */
export interface UserInfo {
  readonly userId: string;
  readonly userName: string;
  readonly avatarUrl: string;
}

export const Role = {
  owner: 'owner',
  admin: 'admin',
  member: 'member',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** A profile adds what the server keeps about a user beyond their display identity. */
export interface UserProfile extends UserInfo {
  readonly level: number;
}

export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const MAX_ADMINS = 5;
