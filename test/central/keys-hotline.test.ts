// Signing keys (a token verified with nothing but the JWKS; rotation) and hotline operators.
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwksSchema, type BookingView } from '../../src/shared/api.js';
import { parseToken } from '../../src/shared/token.js';
import { bookingRequest, call, DATABASE_KINDS, nextPhone, startCentral, type TestCentral } from './central-helpers.js';

/** What a desk does offline: parse the token, find its kid in the JWKS, check the Ed25519 signature. */
function verifyWithJwks(token: string, jwks: unknown): boolean {
  const parsed = parseToken(token);
  if (!parsed) return false;
  const jwk = JwksSchema.parse(jwks).keys.find((k) => k.kid === parsed.payload.keyId);
  if (!jwk) return false;
  return verify(null, parsed.signedMessage, createPublicKey({ key: jwk, format: 'jwk' }), parsed.signature);
}

describe.each(DATABASE_KINDS)('keys and hotline on %s', (kind) => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startCentral(kind);
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('signs tokens that verify with nothing but the JWKS, and rotation keeps old keys published', async () => {
    const first = await call(central.url, 'POST', '/api/v1/bookings', bookingRequest());
    const jwksBefore = (await call(central.url, 'GET', '/api/v1/keys')).body;
    expect(JwksSchema.parse(jwksBefore).keys).toHaveLength(1);
    const token = first.body.token as string;
    expect(verifyWithJwks(token, jwksBefore)).toBe(true);
    // A lower-case read (scanner with Caps Lock) still verifies; a tampered one does not.
    expect(verifyWithJwks(token.toLowerCase(), jwksBefore)).toBe(true);
    const tampered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    expect(verifyWithJwks(tampered, jwksBefore)).toBe(false);

    const newKid = await central.store.rotateKey();
    const second = await call(central.url, 'POST', '/api/v1/bookings', bookingRequest());
    expect(parseToken(second.body.token as string)?.payload.keyId).toBe(newKid);
    const jwksAfter = (await call(central.url, 'GET', '/api/v1/keys')).body;
    expect(JwksSchema.parse(jwksAfter).keys.map((k) => k.kid)).toEqual([newKid, parseToken(token)!.payload.keyId]);
    expect(verifyWithJwks(token, jwksAfter)).toBe(true);
    expect(verifyWithJwks(second.body.token as string, jwksAfter)).toBe(true);
    expect(verifyWithJwks(second.body.token as string, jwksBefore)).toBe(false);
  });

  it('logs an operator in, records the operator from the session on hotline bookings, and finds a caller’s bookings', async () => {
    const { operatorId } = await central.createOperator({ username: 'tongdai1', password: 'mật-khẩu-đủ-dài', name: 'Nguyễn Thị Hoa' });
    const wrong = await call(central.url, 'POST', '/api/v1/hotline/login', { username: 'tongdai1', password: 'sai' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'wrong_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu.' });
    expect((await call(central.url, 'POST', '/api/v1/hotline/login', { username: 'không-có', password: 'x' })).status).toBe(401);
    const login = await call<{ token: string; operatorId: string; name: string }>(central.url, 'POST', '/api/v1/hotline/login', {
      username: 'tongdai1',
      password: 'mật-khẩu-đủ-dài',
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ operatorId, name: 'Nguyễn Thị Hoa' });
    const auth = { authorization: `Bearer ${login.body.token}` };

    const phone = nextPhone();
    const noSession = await call(central.url, 'POST', '/api/v1/bookings', bookingRequest({ bookedBy: { kind: 'hotline', operatorId: 'op-forged' } }));
    expect(noSession.status).toBe(401);
    expect(noSession.body).toMatchObject({ error: 'operator_required' });
    const created = await call(
      central.url,
      'POST',
      '/api/v1/bookings',
      bookingRequest({ citizen: { fullName: 'Trương Văn Lộc', phone }, bookedBy: { kind: 'hotline', operatorId: 'op-forged' } }),
      auth,
    );
    expect(created.status).toBe(201);
    const listed = await call<{ bookings: BookingView[] }>(central.url, 'GET', `/api/v1/hotline/bookings?phone=${phone}`, undefined, auth);
    expect(listed.status).toBe(200);
    expect(listed.body.bookings).toHaveLength(1);
    expect(listed.body.bookings[0]).toMatchObject({ code: created.body.code, bookedBy: { kind: 'hotline', operatorId } });
    expect((await call(central.url, 'GET', `/api/v1/hotline/bookings?phone=${phone}`)).status).toBe(401);
    expect((await call(central.url, 'GET', `/api/v1/hotline/bookings?phone=123`, undefined, auth)).status).toBe(400);
    // Sessions last a working day.
    central.clock.advance(13 * 3600_000);
    expect((await call(central.url, 'GET', `/api/v1/hotline/bookings?phone=${phone}`, undefined, auth)).status).toBe(401);
  });

  it('stores device tokens and operator passwords only as hashes', async () => {
    const deviceToken = await central.createDeviceToken('hg-ngabay');
    const tokens = await central.store.db.all<{ token_hash: string }>('SELECT token_hash FROM device_tokens');
    expect(tokens.some((t) => t.token_hash.includes(deviceToken) || deviceToken.includes(t.token_hash))).toBe(false);
    expect(await central.store.officeOfDeviceToken(deviceToken)).toBe('hg-ngabay');
    const operators = await central.store.db.all<{ password_hash: string }>('SELECT password_hash FROM operators');
    expect(operators.every((o) => o.password_hash.startsWith('scrypt$') && !o.password_hash.includes('mật'))).toBe(true);
    await expect(central.createDeviceToken('hg-nowhere')).rejects.toThrow();
  });
});
