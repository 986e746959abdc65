import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomEngine } from '../../src/engine/room-engine.js';
import { MAX_TOP_UP, USER_ID_PATTERN } from '../../src/core.js';
import { isLoopbackHost, originAllowed } from './edges.js';
import { RestError, readJsonObject } from './rest-envelope.js';

/**
 * `POST /dev/top-up` `{"userId": "ava-1x2y3", "coins": 500}` → `{"userId", "coins" (the new balance), "entryId"}`:
 * the demo's wallet, so "Recharge ›" in the gift panel leads somewhere without a payment provider. Served only
 * where the dev signer is (VR_DEV_SIGNER, loopback bind) and under the same loopback-Host rule; the dev signer
 * already lets anyone on this machine act as anyone, so this adds no power beyond it. A top-up is a real ledger
 * row (`t<seq>`), like REST `vr_gift/top_up`, never a bare balance write.
 *
 * Only `Content-Type: application/json` is taken: a page on another site cannot send that without a CORS
 * preflight, which this server never grants, so it cannot mint coins through a visitor's browser. Errors answer
 * `{"error": "..."}`: 405 not POST, 415 not JSON, 403 not a loopback Host / foreign Origin / the App admin,
 * 400 a bad body, userId or coins (an integer from 1 to MAX_TOP_UP).
 */
export async function handleDevTopUp(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { engine: RoomEngine; admin: string; allowedOrigins: ReadonlySet<string> },
): Promise<void> {
  if (req.method !== 'POST') return json(res, 405, { error: 'POST {"userId", "coins"} as application/json' });
  if (!isLoopbackHost(req.headers.host)) return json(res, 403, { error: 'the dev wallet answers loopback hosts only' });
  if (!originAllowed(req.headers.origin, ctx.allowedOrigins)) return json(res, 403, { error: 'origin not allowed' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return json(res, 415, { error: 'Content-Type must be application/json' });
  let body: Record<string, unknown>;
  try {
    body = await readJsonObject(req);
  } catch (error) {
    return json(res, 400, { error: error instanceof RestError ? error.message : 'the body must be a JSON object' });
  }
  const { userId, coins } = body;
  if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId))
    return json(res, 400, { error: 'userId must be 1-32 of a-zA-Z0-9_-' });
  if (userId === ctx.admin) return json(res, 403, { error: 'the dev wallet does not top up the App admin' });
  if (typeof coins !== 'number' || !Number.isSafeInteger(coins) || coins < 1 || coins > MAX_TOP_UP) {
    return json(res, 400, { error: `coins must be an integer from 1 to ${MAX_TOP_UP}` });
  }
  const { balance, entryId } = ctx.engine.topUp(userId, coins);
  json(res, 200, { userId, coins: balance, entryId });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
