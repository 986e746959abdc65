import { MAX_TOP_UP, USER_ID_PATTERN, validateCatalog } from '../../src/core.js';
import type { Handler, RestCall } from './rest-context.js';
import { RestCode, RestError } from './rest-envelope.js';
import { seconds } from './rest-shapes.js';

/**
 * `vr_gift`: the kit's own gift and wallet commands, in the same envelope (not in the seed). Bad fields answer
 * 100002. Gift objects in GiftList use the catalog's own shape ({giftId, name, iconUrl, price, level,
 * animationUrl?, category?}) so a catalog JSON file can be posted as it is.
 */

export const MAX_CATALOG_SIZE = 500;

function userId(call: RestCall): string {
  const id = call.fields.string('UserID', { maxBytes: 32, minBytes: 1 });
  if (!USER_ID_PATTERN.test(id)) throw call.fields.err('UserID may contain only a-z, A-Z, 0-9, "-" and "_"');
  return id;
}

export const getCatalog: Handler = (call) => ({ Response: { GiftList: [...call.ctx.engine.giftCatalog] } });

export const setCatalog: Handler = (call) => {
  const list = call.fields.array('GiftList', { max: MAX_CATALOG_SIZE, allowEmpty: true }, (v) => v);
  const checked = validateCatalog(list);
  if (!checked.ok) throw new RestError(RestCode.INVALID_PARAM, `GiftList: ${checked.error.message}`);
  call.ctx.engine.setCatalog(checked.state);
  return { Response: { GiftCount: checked.state.length } };
};

export const getBalance: Handler = (call) => {
  const id = userId(call);
  return { Response: { UserID: id, Coins: call.ctx.engine.balance(id) } };
};

export const setBalance: Handler = (call) => {
  const id = userId(call);
  const coins = call.fields.integer('Coins', { min: 0, max: Number.MAX_SAFE_INTEGER });
  call.ctx.engine.setBalance(id, coins);
  return { Response: { UserID: id, Coins: call.ctx.engine.balance(id) } };
};

/** Adds coins (a payment made elsewhere) with a ledger row, unlike set_balance; answers the new balance. */
export const topUp: Handler = (call) => {
  const id = userId(call);
  const coins = call.fields.integer('Coins', { min: 1, max: MAX_TOP_UP });
  const { balance, entryId } = call.ctx.engine.topUp(id, coins);
  return { Response: { UserID: id, Coins: balance, EntryId: entryId } };
};

/** Ledger rows, newest first, optionally only those a user sent or received and/or of one room. */
export const getLedger: Handler = (call) => {
  const { fields } = call;
  const user = fields.has('UserID') ? userId(call) : undefined;
  const roomId = fields.string('RoomId', { maxBytes: 48, minBytes: 1, optional: true });
  const offset = fields.integer('Offset', { min: 0, max: Number.MAX_SAFE_INTEGER, optional: true }) ?? 0;
  const limit = fields.integer('Limit', { min: 1, max: 100, optional: true }) ?? 100;
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
