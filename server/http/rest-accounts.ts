import { USER_ID_PATTERN, type UserProfile, cleanName } from '../../src/core.js';
import type { Handler, RestCall } from './rest-context.js';
import { Fields, RestCode, RestError, byteLength } from './rest-envelope.js';

/**
 * `im_open_login_svc` accounts (seed L11723-12415) and `profile` (L12417-12960). An account is "imported" once
 * the server has a profile for it: imported over REST, or created when the user first signed in over WebSocket
 * (as Tencent's own login does). The App admin always exists. Bad fields answer 70402 (accounts) or 40001
 * (profile), as those services document.
 */

export const MAX_PROFILE_VALUE_BYTES = 500;
export const MAX_ACCOUNT_BATCH = 100;
export const PROFILE_TAGS = ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image', 'Tag_Profile_IM_Level'] as const;
type ProfileTag = (typeof PROFILE_TAGS)[number];

function isImported(call: RestCall, userId: string): boolean {
  return userId === call.ctx.config.admin || call.ctx.engine.profile(userId) !== undefined;
}

function profileOf(call: RestCall, userId: string): UserProfile {
  return call.ctx.engine.profile(userId) ?? { userId, userName: userId, avatarUrl: '', level: 1 };
}

interface AccountInput {
  userId: string;
  nick?: string | undefined;
  faceUrl?: string | undefined;
}

/** Checks one {UserID, Nick, FaceUrl}; throws 70402 for bad fields and 40601 for values over 500 bytes. */
function account(fields: Fields): AccountInput {
  const userId = fields.string('UserID', { maxBytes: 32, minBytes: 1 });
  if (!USER_ID_PATTERN.test(userId)) throw fields.err('UserID may contain only a-z, A-Z, 0-9, "-" and "_"');
  const raw = (name: string): string | undefined => {
    const v = fields.raw(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw fields.err(`${name} must be a string`);
    if (byteLength(v) > MAX_PROFILE_VALUE_BYTES)
      throw new RestError(RestCode.ACCOUNT_VALUE_TOO_LONG, `${name} is longer than ${MAX_PROFILE_VALUE_BYTES} bytes`);
    return v;
  };
  return { userId, nick: raw('Nick'), faceUrl: raw('FaceUrl') };
}

/** Importing again keeps one account and updates what was given (seed: "existing accounts are updated"). */
function importAccount(call: RestCall, input: AccountInput): void {
  const previous = call.ctx.engine.profile(input.userId);
  // Nicks are display names: cleaned like every other name (no bidi controls, src/rules/names.ts).
  const nick = input.nick === undefined ? undefined : cleanName(input.nick);
  call.ctx.engine.saveProfile({
    userId: input.userId,
    userName: nick || previous?.userName || input.userId,
    avatarUrl: input.faceUrl ?? previous?.avatarUrl ?? '',
    level: previous?.level ?? 1,
  });
}

export const accountImport: Handler = (call) => {
  importAccount(call, account(call.fields));
};

export const multiAccountImport: Handler = (call) => {
  const items = call.fields.array('AccountList', { max: MAX_ACCOUNT_BATCH }, (v, i) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw call.fields.err(`AccountList[${i}] must be an object`);
    return v as Record<string, unknown>;
  });
  const failed: string[] = [];
  for (const item of items) {
    try {
      importAccount(call, account(new Fields(item, RestCode.ACCOUNT_INVALID_PARAM)));
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      failed.push(typeof item['UserID'] === 'string' ? item['UserID'] : JSON.stringify(item['UserID'] ?? null));
    }
  }
  return { FailAccounts: failed };
};

export const accountCheck: Handler = (call) => {
  const ids = call.fields.array('CheckItem', { max: MAX_ACCOUNT_BATCH }, (v, i) => {
    const id = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)['UserID'] : undefined;
    if (typeof id !== 'string' || !id || byteLength(id) > 32)
      throw call.fields.err(`CheckItem[${i}].UserID must be a user ID of 1-32 bytes`);
    return id;
  });
  return {
    ResultItem: ids.map((id) => ({
      UserID: id,
      ResultCode: 0,
      ResultInfo: '',
      AccountStatus: isImported(call, id) ? 'Imported' : 'NotImported',
    })),
  };
};

// ---- profile ----

function isTag(value: unknown): value is ProfileTag {
  return typeof value === 'string' && (PROFILE_TAGS as readonly string[]).includes(value);
}

export const portraitSet: Handler = (call) => {
  const { fields } = call;
  const userId = fields.string('From_Account', { maxBytes: 32, minBytes: 1 });
  const items = fields.array('ProfileItem', { max: 50 }, (v, i) => {
    if (!v || typeof v !== 'object' || Array.isArray(v))
      throw fields.err(`ProfileItem[${i}] must be an object {Tag, Value}`);
    const { Tag, Value } = v as Record<string, unknown>;
    if (typeof Tag !== 'string' || !Tag) throw fields.err(`ProfileItem[${i}].Tag must be a string`);
    if (!isTag(Tag))
      throw new RestError(
        RestCode.PROFILE_UNKNOWN_TAG,
        `unknown profile tag ${Tag} (supported: ${PROFILE_TAGS.join(', ')})`,
      );
    if (Value === undefined || Value === null) throw fields.err(`ProfileItem[${i}].Value is required`);
    if (Tag === 'Tag_Profile_IM_Level') {
      if (typeof Value !== 'number') throw new RestError(RestCode.PROFILE_TYPE_MISMATCH, `${Tag} must be a uint32`);
      if (!Number.isInteger(Value) || Value < 0 || Value > 4_294_967_295)
        throw new RestError(RestCode.PROFILE_BAD_VALUE, `${Tag} must be a uint32`);
    } else {
      if (typeof Value !== 'string') throw new RestError(RestCode.PROFILE_TYPE_MISMATCH, `${Tag} must be a string`);
      if (byteLength(Value) > MAX_PROFILE_VALUE_BYTES)
        throw new RestError(RestCode.ACCOUNT_VALUE_TOO_LONG, `${Tag} is longer than ${MAX_PROFILE_VALUE_BYTES} bytes`);
    }
    return { tag: Tag, value: Value as string | number };
  });
  if (!isImported(call, userId)) throw new RestError(RestCode.PROFILE_NO_ACCOUNT, `account ${userId} does not exist`);
  let profile = profileOf(call, userId);
  for (const { tag, value } of items) {
    if (tag === 'Tag_Profile_IM_Nick') profile = { ...profile, userName: cleanName(value as string) || userId };
    else if (tag === 'Tag_Profile_IM_Image') profile = { ...profile, avatarUrl: value as string };
    else profile = { ...profile, level: value as number };
  }
  call.ctx.engine.saveProfile(profile);
  return { ErrorDisplay: '' };
};

export const portraitGet: Handler = (call) => {
  const { fields } = call;
  const ids = [
    ...new Set(
      fields.array('To_Account', { max: MAX_ACCOUNT_BATCH }, (v, i) => {
        if (typeof v !== 'string' || !v || byteLength(v) > 32)
          throw fields.err(`To_Account[${i}] must be a user ID of 1-32 bytes`);
        return v;
      }),
    ),
  ];
  const tags = fields.array('TagList', { max: 50 }, (v, i) => {
    if (typeof v !== 'string') throw fields.err(`TagList[${i}] must be a string`);
    if (!isTag(v))
      throw new RestError(
        RestCode.PROFILE_UNKNOWN_TAG,
        `unknown profile tag ${v} (supported: ${PROFILE_TAGS.join(', ')})`,
      );
    return v;
  });
  const failed: string[] = [];
  const items = ids.map((id) => {
    if (!isImported(call, id)) {
      failed.push(id);
      return {
        To_Account: id,
        ProfileItem: [],
        ResultCode: RestCode.PROFILE_NO_ACCOUNT,
        ResultInfo: 'account does not exist',
      };
    }
    const profile = profileOf(call, id);
    const value = (tag: ProfileTag) =>
      tag === 'Tag_Profile_IM_Nick'
        ? profile.userName
        : tag === 'Tag_Profile_IM_Image'
          ? profile.avatarUrl
          : profile.level;
    return {
      To_Account: id,
      ProfileItem: tags.map((tag) => ({ Tag: tag, Value: value(tag) })),
      ResultCode: 0,
      ResultInfo: '',
    };
  });
  return { UserProfileItem: items, Fail_Account: failed, ErrorDisplay: '' };
};
