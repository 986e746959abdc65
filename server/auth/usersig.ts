import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

/**
 * TLS-Sig v2 UserSig, byte-compatible with Tencent's `tls-sig-api-v2`: a JSON document
 * `{TLS.ver, TLS.identifier, TLS.sdkappid, TLS.time, TLS.expire, TLS.sig}` where TLS.sig is
 * base64(HMAC-SHA256(key, "TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n")), deflated and
 * base64-encoded with the url-safe substitutions + → *, / → -, = → _.
 */

/** Distinct reasons a signature is refused, with the IM error codes Tencent uses for them. */
export const SigError = {
  malformed: { code: 70003, message: 'UserSig is malformed' },
  wrongVersion: { code: 70003, message: 'UserSig version is not 2.0' },
  expired: { code: 70001, message: 'UserSig has expired' },
  wrongApp: { code: 70014, message: 'UserSig was issued for another SDKAppID' },
  wrongUser: { code: 70013, message: 'UserSig was issued for another user' },
  badSignature: { code: 70009, message: 'UserSig signature does not verify' },
} as const;
export type SigErrorKind = keyof typeof SigError;

export class UserSigError extends Error {
  readonly code: number;
  constructor(readonly kind: SigErrorKind) {
    super(SigError[kind].message);
    this.name = 'UserSigError';
    this.code = SigError[kind].code;
  }
}

function escape(base64: string): string {
  return base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function unescape(sig: string): string {
  return sig.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+');
}

function hmac(
  key: string,
  identifier: string,
  sdkAppId: number,
  time: number,
  expire: number,
  userbuf?: string,
): string {
  let content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  if (userbuf !== undefined) content += `TLS.userbuf:${userbuf}\n`;
  return createHmac('sha256', key).update(content).digest('base64');
}

export function genUserSig(options: {
  sdkAppId: number;
  secretKey: string;
  userId: string;
  expireSec: number;
  now?: number;
}): string {
  const time = Math.floor((options.now ?? Date.now()) / 1000);
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': options.userId,
    'TLS.sdkappid': options.sdkAppId,
    'TLS.time': time,
    'TLS.expire': options.expireSec,
    'TLS.sig': hmac(options.secretKey, options.userId, options.sdkAppId, time, options.expireSec),
  };
  return escape(deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64'));
}

/** Verifies a UserSig for `userId`; throws a UserSigError naming the first thing wrong. Returns when it expires (ms). */
export function verifyUserSig(options: {
  sdkAppId: number;
  secretKey: string;
  userId: string;
  userSig: string;
  now?: number;
}): { expiresAt: number } {
  let doc: Record<string, unknown>;
  try {
    if (typeof options.userSig !== 'string' || options.userSig.length === 0 || options.userSig.length > 4096)
      throw new Error('size');
    doc = JSON.parse(
      inflateSync(Buffer.from(unescape(options.userSig), 'base64'), { maxOutputLength: 8192 }).toString('utf8'),
    ) as Record<string, unknown>;
    if (!doc || typeof doc !== 'object') throw new Error('shape');
  } catch {
    throw new UserSigError('malformed');
  }
  const identifier = doc['TLS.identifier'];
  const sdkAppId = doc['TLS.sdkappid'];
  const time = doc['TLS.time'];
  const expire = doc['TLS.expire'];
  const sig = doc['TLS.sig'];
  const userbuf = doc['TLS.userbuf'];
  if (
    typeof identifier !== 'string' ||
    typeof sdkAppId !== 'number' ||
    typeof time !== 'number' ||
    typeof expire !== 'number' ||
    typeof sig !== 'string'
  ) {
    throw new UserSigError('malformed');
  }
  // The signed text is the claims one per line, so a line break inside a claim could make two documents sign the
  // same text: a signature issued for the identifier "administrator\nTLS.sdkappid:…\nTLS.userbuf:x" would also
  // sign {identifier: "administrator", expire: <any>, userbuf: "x\n…"}, the App admin for as long as the forger
  // likes. Tencent's signers never make such claims (a UserID is [A-Za-z0-9_-], a userbuf base64), so none passes.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f]/.test(identifier) || (typeof userbuf === 'string' && !/^[A-Za-z0-9+/]*={0,2}$/.test(userbuf)))
    throw new UserSigError('malformed');
  if (doc['TLS.ver'] !== '2.0') throw new UserSigError('wrongVersion');
  const expected = hmac(
    options.secretKey,
    identifier,
    sdkAppId,
    time,
    expire,
    typeof userbuf === 'string' ? userbuf : undefined,
  );
  const a = Buffer.from(expected);
  const b = Buffer.from(sig);
  // The signature is checked before the claims, so a forged document cannot probe which claim is wrong.
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UserSigError('badSignature');
  if (sdkAppId !== options.sdkAppId) throw new UserSigError('wrongApp');
  if (identifier !== options.userId) throw new UserSigError('wrongUser');
  const expiresAt = (time + expire) * 1000;
  if (expiresAt < (options.now ?? Date.now())) throw new UserSigError('expired');
  return { expiresAt };
}
