import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomEngine } from '../../src/engine/room-engine.js';
import { type Clock, RoomError } from '../../src/core.js';
import { UserSigError, verifyUserSig } from '../auth/usersig.js';
import { RoomCallbacks, Webhooks, type WebhookOptions } from '../callbacks/webhooks.js';
import type { ServerConfig } from '../config.js';
import { RestRepository } from '../db/rest-repository.js';
import type { SqlitePersistence } from '../db/repositories.js';
import type { Logger } from '../logger.js';
import * as accounts from './rest-accounts.js';
import * as callbackConfig from './rest-config.js';
import { type Handler, type RestContext, adminUser } from './rest-context.js';
import { RestCode, RestError, newRequestId, readJsonObject, restErrorOf, sendEnvelope } from './rest-envelope.js';
import { REST_PARAM_CODE, type RestBody, type RestCommand, type RestService, restBodyChecks } from './rest-schema.js';
import * as gifts from './rest-gifts.js';
import * as members from './rest-members.js';
import * as rooms from './rest-rooms.js';
import * as seats from './rest-seats.js';

/**
 * Every command, by service, as the seed names them (server/http/README.md documents each). Each one has its body
 * schema in rest-schema.ts under the same names; the handler gets the body that schema types.
 */
const routes: { readonly [S in RestService]: { readonly [C in RestCommand<S>]: Handler<RestBody<S, C>> } } = {
  live_engine_http_srv: {
    create_room: rooms.createRoom,
    destroy_room: rooms.destroyRoom,
    update_room_info: rooms.updateRoomInfo,
    get_room_info: rooms.getRoomInfo,
    get_room_list: rooms.getRoomList,
    get_room_metadata: rooms.getRoomMetadata,
    set_room_metadata: rooms.setRoomMetadata,
    del_room_metadata: rooms.delRoomMetadata,
    get_member_list: members.getMemberList,
    mute_member: members.muteMembers,
    get_muted_member_list: members.getMutedMemberList,
    ban_member: members.banMember,
    unban_member: members.unbanMember,
    get_banned_member_list: members.getBannedMemberList,
    modify_admin: members.modifyAdmin,
    get_admin_list: members.getAdminList,
    search_room_member: members.searchRoomMember,
  },
  room_engine_http_mic: {
    get_seat_list: seats.getSeatList,
    pick_user_on_seat: seats.pickUserOnSeat,
    kick_user_off_seat: seats.kickUserOffSeat,
    lock_seat: seats.lockSeat,
  },
  live_config: {
    get_callback: callbackConfig.getCallback,
    set_callback: callbackConfig.setCallback,
    update_callback: callbackConfig.updateCallback,
    delete_callback: callbackConfig.deleteCallback,
    set_callback_token: callbackConfig.setCallbackToken,
  },
  im_open_login_svc: {
    account_import: accounts.accountImport,
    multiaccount_import: accounts.multiAccountImport,
    account_check: accounts.accountCheck,
  },
  profile: {
    portrait_set: accounts.portraitSet,
    portrait_get: accounts.portraitGet,
  },
  vr_gift: {
    get_catalog: gifts.getCatalog,
    set_catalog: gifts.setCatalog,
    get_balance: gifts.getBalance,
    set_balance: gifts.setBalance,
    top_up: gifts.topUp,
    get_ledger: gifts.getLedger,
  },
};

export const REST_COMMANDS: readonly string[] = Object.entries(routes as Record<string, object>).flatMap(
  ([service, commands]) => Object.keys(commands).map((c) => `${service}/${c}`),
);

/**
 * The Live REST API (`POST /v4/<service>/<command>`), see server/http/README.md. Checks, in order: POST with
 * `Content-Type: application/json` (60002), a known service/command (60009), sdkappid present (60012) and ours
 * (60006), the UserSig of `identifier`
 * (60004 missing/malformed/issued for another account or app, 60005 forged or expired), `identifier` is the App
 * admin (60010), then the body: at most 1 MB (60002), one JSON object (60003), then the command's body schema
 * (rest-schema.ts: the service's bad-field code, or the field's own). Answers are always HTTP 200.
 */
export class RestApi {
  readonly webhooks: Webhooks;
  readonly callbacks: RoomCallbacks;
  readonly repo: RestRepository;
  private readonly ctx: RestContext;

  constructor(
    engine: RoomEngine,
    persistence: SqlitePersistence,
    private readonly config: ServerConfig,
    private readonly log: Logger,
    clock: Clock,
    webhookOptions: Partial<WebhookOptions> = {},
  ) {
    this.repo = new RestRepository(persistence.db);
    this.webhooks = new Webhooks(config.sdkAppId, log, webhookOptions);
    const saved = callbackConfig.loadCallbackConfig(persistence);
    this.webhooks.setConfig(saved.config);
    this.webhooks.setToken(saved.token);
    this.callbacks = new RoomCallbacks(engine, this.webhooks, this.repo, clock);
    this.ctx = {
      engine,
      persistence,
      config,
      clock,
      log,
      repo: this.repo,
      webhooks: this.webhooks,
      callbacks: this.callbacks,
      actor: { user: adminUser(config), system: true },
      recentCreates: new Map(),
    };
    // Rooms created by clients: their metadata starts empty (a reused room ID never shows the old room's).
    engine.onRoomChange((roomId, previous, next) => {
      if (next.status === 'live' && previous && previous.info.createdAt !== next.info.createdAt)
        this.repo.clearMetadata(roomId);
    });
  }

  /**
   * Stops callbacks: everyone online is reported offline, what is queued gets WebhookOptions.drainMs to go out,
   * and then whatever is left is dropped and in-flight attempts aborted.
   */
  async close(): Promise<void> {
    this.callbacks.shutdown();
    this.callbacks.close();
    await this.webhooks.drain();
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newRequestId();
    let service = '';
    try {
      if (req.method !== 'POST') throw new RestError(RestCode.HTTP_PARSE, 'REST calls are HTTP POST');
      // A JSON media type is something a page on another site cannot send without a CORS preflight (which this
      // server never grants), so a cross-site form or text/plain fetch cannot drive REST with a leaked signature.
      if (!isJsonContentType(req.headers['content-type']))
        throw new RestError(RestCode.HTTP_PARSE, 'Content-Type must be application/json');
      const parts = url.pathname.split('/');
      const [, , svc = '', command = ''] = parts;
      const handlers: Readonly<Record<string, Readonly<Record<string, Handler<never>>>>> = routes;
      const checks: Readonly<Record<string, Readonly<Record<string, (body: unknown, code: number) => unknown>>>> =
        restBodyChecks;
      const known = parts.length === 4 && Object.hasOwn(handlers, svc) && Object.hasOwn(handlers[svc]!, command);
      if (!known) throw new RestError(RestCode.BAD_RESOURCE, `unknown command ${url.pathname}`);
      const handler = handlers[svc]![command]!;
      const check = checks[svc]![command]!;
      service = svc;
      const caller = this.authenticate(url.searchParams);
      const body = await readJsonObject(req).catch((error: unknown) => {
        if (error instanceof RestError && error.code === RestCode.HTTP_PARSE) res.setHeader('connection', 'close');
        throw error;
      });
      const code = REST_PARAM_CODE[svc as RestService];
      const checked = check(body, code) as never;
      const origin = { operator: caller, platform: 'RESTAPI' as const, clientIp: clientIp(req) };
      const invalid = (message: string) => new RestError(code, message);
      const answer = handler({ ctx: this.ctx, origin, invalid }, checked) ?? {};
      sendEnvelope(res, requestId, null, answer);
    } catch (error) {
      const failure = this.failure(error, url.pathname);
      sendEnvelope(res, requestId, failure, service === 'profile' ? { ErrorDisplay: '' } : {});
      if (res.getHeader('connection') === 'close') res.on('finish', () => req.destroy());
    }
  }

  private authenticate(q: URLSearchParams): string {
    const sdkAppId = q.get('sdkappid');
    if (sdkAppId === null || sdkAppId === '')
      throw new RestError(RestCode.SDKAPPID_MISSING, 'sdkappid is missing from the URL');
    if (!/^\d{1,10}$/.test(sdkAppId) || Number(sdkAppId) !== this.config.sdkAppId)
      throw new RestError(RestCode.SDKAPPID_INVALID, `SDKAppID ${sdkAppId} is not valid here`);
    const contentType = q.get('contenttype');
    if (contentType !== null && contentType !== 'json')
      throw new RestError(RestCode.HTTP_PARSE, 'contenttype must be json');
    const random = q.get('random');
    if (random !== null && (!/^\d{1,10}$/.test(random) || Number(random) > 4_294_967_295))
      throw new RestError(RestCode.HTTP_PARSE, 'random must be an integer from 0 to 4294967295');
    const identifier = q.get('identifier');
    const userSig = q.get('usersig');
    if (!identifier || !userSig) throw new RestError(RestCode.ACCOUNT_OR_SIG, 'identifier and usersig are required');
    try {
      verifyUserSig({ sdkAppId: this.config.sdkAppId, secretKey: this.config.secretKey, userId: identifier, userSig });
    } catch (error) {
      if (!(error instanceof UserSigError)) throw error;
      const forged = error.kind === 'badSignature' || error.kind === 'expired';
      throw new RestError(forged ? RestCode.SIG_INVALID : RestCode.ACCOUNT_OR_SIG, `usersig refused: ${error.message}`);
    }
    if (identifier !== this.config.admin)
      throw new RestError(RestCode.ADMIN_REQUIRED, 'this API needs the App admin identifier');
    return identifier;
  }

  /** What the caller is told; an internal failure's own text (SQLite, stack details) goes to the log only. */
  private failure(error: unknown, path: string): RestError {
    const known = error instanceof RestError ? error : error instanceof RoomError ? restErrorOf(error) : null;
    if (known && known.code !== RestCode.INTERNAL) return known;
    this.log.error('REST command failed', { path, error: error instanceof Error ? error.message : String(error) });
    return new RestError(RestCode.INTERNAL, 'internal error, please retry');
  }
}

/** `application/json`, any case, with or without parameters (`; charset=utf-8`). */
function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

function clientIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
