import { USER_ID_PATTERN, type UserProfile, cleanName } from '../../src/core.js';
import { LONE_SURROGATE } from '../../src/model/text.js';
import type { Handler, RestCall } from './rest-context.js';
import { RestCode, RestError, byteLength } from './rest-envelope.js';
import { MAX_PROFILE_VALUE_BYTES, type ProfileTag, type RestBody, RestBodySchema, bodyCheck } from './rest-schema.js';

/**
 * `im_open_login_svc` accounts (seed L11723-12415) and `profile` (L12417-12960). An account is "imported" once
 * the server has a profile for it: imported over REST, or created when the user first signed in over WebSocket
 * (as Tencent's own login does). The App admin always exists. Bad fields answer 70402 (accounts) or 40001
 * (profile), as those services document (rest-schema.ts checks each body first).
 */

function isImported(call: RestCall, userId: string): boolean {
  return userId === call.ctx.config.admin || call.ctx.engine.profile(userId) !== undefined;
}

function profileOf(call: RestCall, userId: string): UserProfile {
  return call.ctx.engine.profile(userId) ?? { userId, userName: userId, avatarUrl: '', level: 1 };
}

type AccountInput = RestBody<'im_open_login_svc', 'account_import'>;

/** An account_import body (or an item of multiaccount_import's AccountList): the schema, then the UserID's form. */
const accountBody = bodyCheck(RestBodySchema.im_open_login_svc.account_import);
function account(body: unknown): AccountInput {
  const input = accountBody(body, RestCode.ACCOUNT_INVALID_PARAM);
  if (!USER_ID_PATTERN.test(input.UserID))
    throw new RestError(RestCode.ACCOUNT_INVALID_PARAM, 'UserID may contain only a-z, A-Z, 0-9, "-" and "_"');
  return input;
}

/** Importing again keeps one account and updates what was given (seed: "existing accounts are updated"). */
function importAccount(call: RestCall, input: AccountInput): void {
  const previous = call.ctx.engine.profile(input.UserID);
  // Nicks are display names: cleaned like every other name (no bidi controls, src/rules/names.ts).
  const nick = typeof input.Nick === 'string' ? cleanName(input.Nick) : undefined;
  call.ctx.engine.saveProfile({
    userId: input.UserID,
    userName: nick || previous?.userName || input.UserID,
    avatarUrl: input.FaceUrl ?? previous?.avatarUrl ?? '',
    level: previous?.level ?? 1,
  });
}

export const accountImport: Handler<AccountInput> = (call, body) => {
  importAccount(call, account(body));
};

export const multiAccountImport: Handler<RestBody<'im_open_login_svc', 'multiaccount_import'>> = (call, body) => {
  const failed: string[] = [];
  for (const item of body.AccountList as Record<string, unknown>[]) {
    try {
      importAccount(call, account(item));
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      failed.push(typeof item['UserID'] === 'string' ? item['UserID'] : JSON.stringify(item['UserID'] ?? null));
    }
  }
  return { FailAccounts: failed };
};

export const accountCheck: Handler<RestBody<'im_open_login_svc', 'account_check'>> = (call, body) => {
  const ids = body.CheckItem.map((item) => item.UserID);
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

export const portraitSet: Handler<RestBody<'profile', 'portrait_set'>> = (call, body) => {
  const userId = body.From_Account;
  // The schema checked each item's Tag; the Value's type depends on it.
  const items = body.ProfileItem.map(({ Tag, Value }) => {
    if (Tag === 'Tag_Profile_IM_Level') {
      if (typeof Value !== 'number') throw new RestError(RestCode.PROFILE_TYPE_MISMATCH, `${Tag} must be a uint32`);
      if (!Number.isInteger(Value) || Value < 0 || Value > 4_294_967_295)
        throw new RestError(RestCode.PROFILE_BAD_VALUE, `${Tag} must be a uint32`);
    } else {
      if (typeof Value !== 'string') throw new RestError(RestCode.PROFILE_TYPE_MISMATCH, `${Tag} must be a string`);
      // As in every other string field (rest-schema.ts): half a surrogate pair is no text, and would not survive SQLite.
      if (LONE_SURROGATE.test(Value))
        throw new RestError(RestCode.PROFILE_BAD_VALUE, `${Tag} must be Unicode text (it has a lone surrogate)`);
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

export const portraitGet: Handler<RestBody<'profile', 'portrait_get'>> = (call, body) => {
  const ids = [...new Set(body.To_Account)];
  const tags: readonly ProfileTag[] = body.TagList;
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
