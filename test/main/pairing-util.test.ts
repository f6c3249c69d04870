// Pairing against a real HTTP server on loopback that answers as the hub does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskApiError } from '../../src/main/ipc-util.js';
import { pairWithHub } from '../../src/main/pairing-util.js';
import { errorBody } from '../../src/shared/reasons.js';

let server: Server;
let hubUrl: string;
const received: unknown[] = [];

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/api/v1/pair') return reply(res, 404, { error: 'not_found', message: 'x' });
      const body = JSON.parse(text) as { code: string; counterId: string };
      received.push(body);
      if (body.counterId === 'q9') return reply(res, 200, '<html>proxy login</html>');
      if (body.counterId === 'q8') return reply(res, 200, { counterId: 'q1', token: 'ctr_token_for_q1' });
      if (body.code !== 'K7M2P9') return reply(res, 400, errorBody('invalid_pairing_code'));
      reply(res, 200, { counterId: body.counterId, token: `ctr_token_for_${body.counterId}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('pairWithHub', () => {
  it('sends the code (upper-cased, trimmed) and receives the counter token', async () => {
    await expect(pairWithHub(fetch, { hubUrl, code: ' k7m2p9 ', counterId: 'q2' })).resolves.toEqual({ counterId: 'q2', token: 'ctr_token_for_q2' });
    expect(received.at(-1)).toEqual({ code: 'K7M2P9', counterId: 'q2' });
  });

  it("shows the hub's Vietnamese refusal for a wrong code", async () => {
    const failure = await pairWithHub(fetch, { hubUrl, code: 'WRONG1', counterId: 'q2' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeskApiError);
    expect(failure).toMatchObject({ message: 'Mã ghép nối không đúng hoặc đã hết hạn.', code: 'invalid_pairing_code' });
  });

  it('refuses a reply that is not the hub (HTML) or is for another counter', async () => {
    await expect(pairWithHub(fetch, { hubUrl, code: 'K7M2P9', counterId: 'q9' })).rejects.toThrow(/không đúng định dạng/);
    await expect(pairWithHub(fetch, { hubUrl, code: 'K7M2P9', counterId: 'q8' })).rejects.toThrow(/không đúng định dạng/);
  });

  it('says the hub cannot be reached when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(pairWithHub(fetch, { hubUrl: deadUrl, code: 'K7M2P9', counterId: 'q2' })).rejects.toThrow(/Không kết nối được/);
  });
});
