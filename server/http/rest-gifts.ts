import { USER_ID_PATTERN, validateCatalog } from '../../src/core.js';
import type { Handler, RestCall } from './rest-context.js';
import { RestCode, RestError } from './rest-envelope.js';
import type { RestBody } from './rest-schema.js';
import { seconds } from './rest-shapes.js';

/**
 * `vr_gift`: the kit's own gift and wallet commands, in the same envelope (not in the seed). Bad fields answer
 * 100002. Gift objects in GiftList use the catalog's own shape ({giftId, name, iconUrl, price, level,
 * animationUrl?, category?}) so a catalog JSON file can be posted as it is. rest-schema.ts checks each body
 * first; the form of a UserID is checked here.
 */

function userId(call: RestCall, id: string): string {
  if (!USER_ID_PATTERN.test(id)) throw call.invalid('UserID may contain only a-z, A-Z, 0-9, "-" and "_"');
  return id;
}

export const getCatalog: Handler<RestBody<'vr_gift', 'get_catalog'>> = (call) => ({
  Response: { GiftList: [...call.ctx.engine.giftCatalog] },
});

export const setCatalog: Handler<RestBody<'vr_gift', 'set_catalog'>> = (call, body) => {
  const checked = validateCatalog(body.GiftList);
  if (!checked.ok) throw new RestError(RestCode.INVALID_PARAM, `GiftList: ${checked.error.message}`);
  call.ctx.engine.setCatalog(checked.state);
  return { Response: { GiftCount: checked.state.length } };
};

export const getBalance: Handler<RestBody<'vr_gift', 'get_balance'>> = (call, body) => {
  const id = userId(call, body.UserID);
  return { Response: { UserID: id, Coins: call.ctx.engine.balance(id) } };
};

export const setBalance: Handler<RestBody<'vr_gift', 'set_balance'>> = (call, body) => {
  const id = userId(call, body.UserID);
  const coins = body.Coins;
  call.ctx.engine.setBalance(id, coins);
  return { Response: { UserID: id, Coins: call.ctx.engine.balance(id) } };
};

/** A top_up RequestId: printable ASCII without spaces (the schema checked its type, its length and surrogates). */
const TOP_UP_REQUEST_ID = /^[\x21-\x7e]+$/;

/**
 * Adds coins (a payment made elsewhere) with a ledger row, unlike set_balance; answers the new balance.
 *
 * Without RequestId a retry credits again. With one it is safe to retry, as payment APIs' idempotency keys are:
 * the key is written with the ledger row in one transaction (SqlitePersistence.toppedUp), so after a lost answer,
 * a crash or a restart the key exists iff the coins were added, and the same call again answers that entry with
 * the current balance and `Repeated: true` instead of crediting twice. The lookup and the credit run in one
 * synchronous turn of the event loop, so two identical calls at once cannot both miss the key (and the unique
 * index on request_id would refuse the second row if they could). The key reused for another UserID or Coins is
 * refused (100002): it names one payment, and guessing which call was meant could credit the wrong user.
 */
export const topUp: Handler<RestBody<'vr_gift', 'top_up'>> = (call, body) => {
  const id = userId(call, body.UserID);
  const coins = body.Coins;
  const requestId = body.RequestId;
  if (requestId === undefined) {
    const { balance, entryId } = call.ctx.engine.topUp(id, coins);
    return { Response: { UserID: id, Coins: balance, EntryId: entryId } };
  }
  if (!TOP_UP_REQUEST_ID.test(requestId))
    throw call.invalid('RequestId must be printable ASCII without spaces, 1-64 characters');
  const done = call.ctx.persistence.topUpOf(requestId);
  if (done) {
    if (done.userId !== id || done.coins !== coins)
      throw call.invalid('RequestId was already used for a top-up with another UserID or Coins');
    return { Response: { UserID: id, Coins: call.ctx.engine.balance(id), EntryId: done.entryId, Repeated: true } };
  }
  const { balance, entryId } = call.ctx.engine.topUp(id, coins, requestId);
  return { Response: { UserID: id, Coins: balance, EntryId: entryId, Repeated: false } };
};

/** Ledger rows, newest first, optionally only those a user sent or received and/or of one room. */
export const getLedger: Handler<RestBody<'vr_gift', 'get_ledger'>> = (call, body) => {
  const user = typeof body.UserID === 'string' ? userId(call, body.UserID) : undefined;
  const roomId = body.RoomId;
  const offset = body.Offset ?? 0;
  const limit = body.Limit ?? 100;
  const { total, rows: newest } = call.ctx.persistence.ledger({
    ...(user !== undefined ? { userId: user } : {}),
    ...(roomId !== undefined ? { roomId } : {}),
    offset,
    limit,
  });
  return {
    Response: {
      Total: total,
      NextOffset: offset + limit < total ? offset + limit : 0,
      LedgerList: newest.map((r) => ({
        EntryId: r.entryId,
        RoomId: r.roomId,
        Sender_Account: r.senderId,
        Receiver_Account: r.receiverId,
        GiftId: r.giftId,
        Count: r.count,
        UnitPrice: r.unitPrice,
        Amount: r.amount,
        CreateTime: seconds(r.createdAt),
      })),
    },
  };
};
