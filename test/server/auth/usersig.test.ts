import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import { SigError, UserSigError, genUserSig, verifyUserSig } from '../../../server/auth/usersig.js';

// Tencent's own generator, so compatibility is checked against the real thing, not against ourselves.
const require = createRequire(import.meta.url);
const { Api } = require('tls-sig-api-v2') as {
  Api: new (sdkAppId: number, key: string) => { genUserSig(userId: string, expire: number): string };
};

const sdkAppId = 1400000001;
const secretKey = 'a-secret-key-for-tests';

/** Re-encodes a signature with some claims changed and the old TLS.sig kept: what a forger would try. */
function tamper(sig: string, claims: Record<string, unknown>): string {
  const raw = inflateSync(Buffer.from(sig.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+'), 'base64'));
  const doc = { ...JSON.parse(raw.toString('utf8')), ...claims };
  return deflateSync(Buffer.from(JSON.stringify(doc)))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UserSigError, `expected UserSigError, got ${String(error)}`);
    return error.kind;
  }
  assert.fail('expected the signature to be refused');
}

describe('UserSig (TLS-Sig v2)', () => {
  it("accepts signatures made by Tencent's tls-sig-api-v2 package", () => {
    const sig = new Api(sdkAppId, secretKey).genUserSig('alice', 86_400);
    const { expiresAt } = verifyUserSig({ sdkAppId, secretKey, userId: 'alice', userSig: sig });
    assert.ok(expiresAt > Date.now() + 86_000_000);
  });

  it('makes signatures with the same format', () => {
    const ours = genUserSig({ sdkAppId, secretKey, userId: 'bob', expireSec: 600 });
    assert.match(ours, /^[A-Za-z0-9*\-_]+$/);
    assert.doesNotThrow(() => verifyUserSig({ sdkAppId, secretKey, userId: 'bob', userSig: ours }));
  });

  const valid = genUserSig({ sdkAppId, secretKey, userId: 'carol', expireSec: 600 });
  const rows: { name: string; check: () => unknown; kind: keyof typeof SigError }[] = [
    {
      name: 'corrupted bytes',
      kind: 'malformed',
      check: () => verifyUserSig({ sdkAppId, secretKey, userId: 'carol', userSig: `${valid.slice(0, -6)}AAAAAA` }),
    },
    {
      name: 'signed with another key',
      kind: 'badSignature',
      check: () => verifyUserSig({ sdkAppId, secretKey: 'other', userId: 'carol', userSig: valid }),
    },
    {
      name: 'another app',
      kind: 'wrongApp',
      check: () =>
        verifyUserSig({
          sdkAppId,
          secretKey,
          userId: 'carol',
          userSig: genUserSig({ sdkAppId: 1400000002, secretKey, userId: 'carol', expireSec: 600 }),
        }),
    },
    {
      name: 'a claim changed after signing (longer expiry)',
      kind: 'badSignature',
      check: () =>
        verifyUserSig({ sdkAppId, secretKey, userId: 'carol', userSig: tamper(valid, { 'TLS.expire': 999_999_999 }) }),
    },
    {
      name: 'another user',
      kind: 'wrongUser',
      check: () => verifyUserSig({ sdkAppId, secretKey, userId: 'mallory', userSig: valid }),
    },
    {
      name: 'expired',
      kind: 'expired',
      check: () =>
        verifyUserSig({
          sdkAppId,
          secretKey,
          userId: 'carol',
          userSig: genUserSig({ sdkAppId, secretKey, userId: 'carol', expireSec: 60, now: Date.now() - 120_000 }),
        }),
    },
    {
      name: 'garbage',
      kind: 'malformed',
      check: () => verifyUserSig({ sdkAppId, secretKey, userId: 'carol', userSig: 'not a signature' }),
    },
    {
      name: 'empty',
      kind: 'malformed',
      check: () => verifyUserSig({ sdkAppId, secretKey, userId: 'carol', userSig: '' }),
    },
  ];
  for (const row of rows) {
    it(`refuses: ${row.name}`, () => assert.equal(reason(row.check), row.kind));
  }

  it('a signature for an identifier with line breaks signs no other document (no admin forged from it)', () => {
    // The signer signs whatever identifier it is handed (as Tencent's does); the forger picks one whose signed text
    // is also that of the App admin with a userbuf and an expiry of their choosing.
    const now = Math.floor(Date.now() / 1000);
    const forgedLines = (admin: string, time: number, expire: number) =>
      `${admin}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\nTLS.userbuf:x`;
    for (const [admin, forgedExpire] of [
      ['administrator', 10 * 365 * 86_400],
      ['a', 1],
      ['root_1', 86_400],
    ] as const) {
      const identifier = forgedLines(admin, now, forgedExpire);
      const issued = genUserSig({ sdkAppId, secretKey, userId: identifier, expireSec: 60, now: now * 1000 });
      const doc = JSON.parse(
        inflateSync(Buffer.from(issued.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+'), 'base64')).toString(),
      ) as Record<string, unknown>;
      const forged = tamper(issued, {
        'TLS.identifier': admin,
        'TLS.expire': forgedExpire,
        'TLS.userbuf': `x\nTLS.sdkappid:${sdkAppId}\nTLS.time:${String(doc['TLS.time'])}\nTLS.expire:60`,
      });
      assert.equal(
        reason(() => verifyUserSig({ sdkAppId, secretKey, userId: admin, userSig: forged })),
        'malformed',
      );
      // Nor does the issued signature itself pass for its own (line-broken) identifier.
      assert.equal(
        reason(() => verifyUserSig({ sdkAppId, secretKey, userId: identifier, userSig: issued })),
        'malformed',
      );
    }
    // Every other control character in an identifier, and a userbuf that is not base64, are refused the same way.
    for (const c of ['\r', '\t', '\u0000', '\u001f'])
      assert.equal(
        reason(() =>
          verifyUserSig({
            sdkAppId,
            secretKey,
            userId: `a${c}b`,
            userSig: genUserSig({ sdkAppId, secretKey, userId: `a${c}b`, expireSec: 60 }),
          }),
        ),
        'malformed',
      );
    assert.equal(
      reason(() =>
        verifyUserSig({
          sdkAppId,
          secretKey,
          userId: 'carol',
          userSig: tamper(valid, { 'TLS.userbuf': 'not base64!' }),
        }),
      ),
      'malformed',
    );
  });

  it("accepts a userbuf as Tencent's signer writes it (a PrivateMapKey)", () => {
    const api = new Api(sdkAppId, secretKey) as unknown as {
      genPrivateMapKey(userId: string, expire: number, roomId: number, privilegeMap: number): string;
    };
    const key = api.genPrivateMapKey('alice', 600, 1234, 255);
    assert.doesNotThrow(() => verifyUserSig({ sdkAppId, secretKey, userId: 'alice', userSig: key }));
  });

  it('gives each refusal a distinct code except the two "malformed" spellings', () => {
    const codes = new Set(Object.values(SigError).map((e) => e.code));
    assert.equal(codes.size, Object.keys(SigError).length - 1);
  });
});
