import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { Server, type Namespace } from 'socket.io';
import { z } from 'zod';
import { DateSchema, ProcedureCodeSchema } from '../../shared/api.js';
import { dayReportCsv, dayReportHtml } from '../../shared/day-report.js';
import {
  HUB_EVENTS,
  HUB_NAMESPACES,
  type CallEvent,
  type CounterToHubServer,
  type DisplayToHubServer,
  type HubServerToCounter,
  type HubServerToDisplay,
  type HubStatus,
} from '../../shared/hub-events.js';
import { errorBody, type ErrorBody } from '../../shared/reasons.js';
import { checkIn, issueWalkIn, lookupBookings } from '../checkin/checkin.js';
import { HubError } from '../hub-error.js';
import type { HubContext } from '../hub-context.js';
import { callNext, callNumber, counterSnapshot, finishOrNoShow, recall, setPriority, transfer, type QueueChange } from '../queue/queue.js';
import { routerRefusal } from '../../shared/http-refusals.js';
import { bearerToken, clientErrorHandler, idempotencyKey, isLanAddress, requestFingerprint, sameSecret } from './hub-util.js';
import { displaySnapshot, displayState } from './views.js';
import { hubDayReport } from '../report/day-report.js';
import { prepared } from '../db/open-db.js';

export interface HubServerOptions {
  ctx: HubContext;
  /** Current hub status (sync + counts). */
  status(): HubStatus;
  pairingCode: string;
  staticDir: string;
  audioDir: string;
  /** Local writes happened: the sync client may push soon. */
  onWrite(): void;
  /** Refuse requests from outside private/loopback ranges (on by default). */
  lanOnly?: boolean;
}

const PAIRING_GUESSES = 30;
const PAIRING_WINDOW_MS = 10 * 60_000;

const IdParam = z.string().min(1).max(64);
const CheckinBody = z.object({ scan: z.string(), counterId: IdParam.optional(), priority: z.boolean().optional() }).strict();
const CallBody = z.object({ number: z.string().min(1).max(20) }).strict();
const TransferBody = z
  .object({ toCounterId: IdParam.optional(), toGroupId: IdParam.optional() })
  .strict()
  .refine((b) => Boolean(b.toCounterId) !== Boolean(b.toGroupId), 'Chọn đúng một quầy hoặc một nhóm để chuyển');
const PriorityBody = z.object({ priority: z.boolean() }).strict();
const WalkInBody = z.object({ counterId: IdParam.optional(), groupId: IdParam.optional(), procedureCode: ProcedureCodeSchema.optional() }).strict();
const PairBody = z.object({ code: z.string().min(1).max(20), counterId: IdParam }).strict();
const EmptyBody = z.union([z.object({}).strict(), z.null(), z.undefined()]);

/** zod's Vietnamese messages: staff read every refusal in Vietnamese. */
const vietnameseErrors = z.locales.vi().localeError;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, { error: vietnameseErrors });
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '_', i.message]));
  throw new HubError('invalid_input', 400, { detail: Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ') }, { fields });
}

/** Fastify + socket.io on one HTTP server: REST commands, the /display and /counter namespaces, and the built pages. */
export async function createHubServer(opts: HubServerOptions) {
  const { ctx } = opts;
  const app = Fastify({
    logger: false,
    bodyLimit: 256 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    frameworkErrors: (error: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = routerRefusal(error.code);
      void reply.code(status).send(body);
    },
    clientErrorHandler,
  });
  // socket.io answers /socket.io/ on the raw server before fastify's hooks run: the LAN guard must be its own.
  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    cors: { origin: false },
    allowRequest: (req, callback) => callback(null, opts.lanOnly === false || isLanAddress(req.socket.remoteAddress)),
  });
  const display = io.of(HUB_NAMESPACES.display) as unknown as Namespace<DisplayToHubServer, HubServerToDisplay>;
  const counters = io.of(HUB_NAMESPACES.counter) as unknown as Namespace<CounterToHubServer, HubServerToCounter>;

  const counterIdForToken = (token: string | null): string | null => {
    if (!token) return null;
    const rows = prepared(ctx.db, 'SELECT id, token FROM counters').all() as { id: string; token: string }[];
    return rows.find((r) => sameSecret(r.token, token))?.id ?? null;
  };

  // ---------- broadcasting (always after the write transaction committed) ----------
  const broadcastCall = (call: CallEvent) => {
    display.emit(HUB_EVENTS.called, call);
    counters.emit(HUB_EVENTS.called, call);
  };
  const broadcastState = () => {
    const status = opts.status();
    display.emit(HUB_EVENTS.state, displayState(ctx, status.online));
    for (const counter of ctx.counters()) {
      const room = `counter:${counter.id}`;
      if ((counters.adapter.rooms.get(room)?.size ?? 0) > 0) counters.to(room).emit(HUB_EVENTS.state, counterSnapshot(ctx, counter.id, status));
    }
  };
  const broadcastStatus = () => {
    const status = opts.status();
    counters.emit(HUB_EVENTS.status, status);
    display.emit(HUB_EVENTS.state, displayState(ctx, status.online));
  };
  const afterChange = (change?: QueueChange) => {
    if (change?.call) broadcastCall(change.call);
    broadcastState();
    opts.onWrite();
  };

  display.on('connection', (socket) => {
    socket.emit(HUB_EVENTS.snapshot, displaySnapshot(ctx, opts.status().online));
  });
  counters.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const counterId = counterIdForToken(typeof auth?.token === 'string' ? auth.token : null);
    if (!counterId) {
      const err = new Error('unauthorized') as Error & { data?: ErrorBody };
      err.data = errorBody('unauthorized');
      return next(err);
    }
    socket.data.counterId = counterId;
    next();
  });
  counters.on('connection', (socket) => {
    const counterId = socket.data.counterId as string;
    void socket.join(`counter:${counterId}`);
    socket.emit(HUB_EVENTS.snapshot, counterSnapshot(ctx, counterId, opts.status()));
  });

  // ---------- HTTP plumbing ----------
  if (opts.lanOnly !== false) {
    app.addHook('onRequest', async (req, reply) => {
      if (!isLanAddress(req.socket.remoteAddress)) return reply.code(403).send(errorBody('forbidden'));
    });
  }
  app.setErrorHandler((error, req, reply) => {
    if (error instanceof HubError) return reply.code(error.status).send(error.body());
    const err = error as { statusCode?: number; code?: string; message?: string };
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('payload_too_large'));
    if (err.statusCode === 429) return reply.code(429).send(errorBody('rate_limited'));
    if (err.statusCode && err.statusCode < 500) {
      // Malformed JSON, a wrong content type, a __proto__ key: the client's fault, said in Vietnamese without internals.
      const detail = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'chỉ nhận application/json' : 'nội dung yêu cầu không đọc được';
      return reply.code(400).send(errorBody('invalid_input', { detail }));
    }
    ctx.logger.error({ url: req.url.split('?')[0], error: err.message }, 'hub request failed');
    return reply.code(500).send(errorBody('internal_error'));
  });
  // The path is echoed for staff, bounded: a 10 KB junk URL must not come back as a 10 KB message.
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('invalid_input', { detail: `không có đường dẫn ${req.method} ${req.url.split('?')[0]!.slice(0, 100)}` })));
  await app.register(fastifyRateLimit, { global: false });

  const requireCounterToken = (req: FastifyRequest): string => {
    const counterId = counterIdForToken(bearerToken(req.headers.authorization));
    if (!counterId) throw new HubError('unauthorized', 401);
    return counterId;
  };
  /** A counter token speaks for its own counter only (a `counterId` in a body included). */
  const requireSameCounter = (callerId: string, counterId: string | undefined) => {
    if (counterId !== undefined && counterId !== callerId) throw new HubError('forbidden', 403);
  };

  /**
   * Runs a command at most once per Idempotency-Key: the first answer (success or refusal) is stored in the
   * same transaction as the change, and a replay returns it without touching anything.
   */
  const idempotent = async (req: FastifyRequest, reply: FastifyReply, callerId: string, run: () => { status: number; body: unknown; change?: QueueChange }) => {
    const header = req.headers['idempotency-key'];
    const key = idempotencyKey(header);
    // A client that sends a key counts on it; a malformed one must not silently turn retries into repeats.
    if (header !== undefined && !key) throw new HubError('invalid_input', 400, { detail: 'Idempotency-Key không hợp lệ' });
    // Stored in the `route` column: a key replays only the very same command (path, counter and body).
    const route = requestFingerprint(req.method, req.url.split('?')[0]!, callerId, req.body);
    if (!key) {
      const out = run();
      afterChange(out.change);
      return reply.code(out.status).send(out.body);
    }
    const outcome = ctx.db
      .transaction(() => {
        const stored = prepared(ctx.db, 'SELECT route, status, body FROM idempotency WHERE key = ?').get(key) as { route: string; status: number; body: string } | undefined;
        if (stored && stored.route !== route) throw new HubError('invalid_input', 422, { detail: 'Idempotency-Key đã dùng cho thao tác khác' });
        if (stored) return { status: stored.status, body: JSON.parse(stored.body) as unknown, replay: true as const };
        let out: { status: number; body: unknown; change?: QueueChange };
        try {
          out = run();
        } catch (error) {
          if (!(error instanceof HubError)) throw error;
          out = { status: error.status, body: error.body() };
        }
        prepared(ctx.db, 'INSERT INTO idempotency (key, route, status, body, created_at) VALUES (?, ?, ?, ?, ?)').run(key, route, out.status, JSON.stringify(out.body), ctx.clock());
        return { ...out, replay: false as const };
      })
      .immediate();
    if (!outcome.replay) afterChange('change' in outcome ? outcome.change : undefined);
    return reply.code(outcome.status).send(outcome.body);
  };

  // ---------- REST ----------
  app.get('/api/v1/status', async () => opts.status());
  app.get('/healthz', async () => ({ ok: true }));

  app.post('/api/v1/checkins', { bodyLimit: 2 * 1024 * 1024 }, async (req, reply) => {
    const callerId = requireCounterToken(req);
    const body = parse(CheckinBody, req.body);
    requireSameCounter(callerId, body.counterId);
    return idempotent(req, reply, callerId, () => {
      const { result, created } = checkIn(ctx, body);
      return { status: created ? 201 : 200, body: result, change: { ticket: result.ticket } };
    });
  });

  app.get('/api/v1/bookings', async (req) => {
    requireCounterToken(req);
    const { q } = parse(z.object({ q: z.string().max(100) }), req.query);
    return { bookings: lookupBookings(ctx, q) };
  });

  app.get('/api/v1/counters/:counterId', async (req) => {
    requireCounterToken(req);
    const { counterId } = parse(z.object({ counterId: IdParam }), req.params);
    if (!ctx.counter(counterId)) throw new HubError('counter_not_found', 404);
    return counterSnapshot(ctx, counterId, opts.status());
  });

  const counterAction = (action: string, handle: (counterId: string, body: unknown) => QueueChange) => {
    app.post(`/api/v1/counters/:counterId/${action}`, async (req, reply) => {
      // Token first: a stranger learns nothing, not even which counters exist.
      const callerId = requireCounterToken(req);
      const { counterId } = parse(z.object({ counterId: IdParam }), req.params);
      if (!ctx.counter(counterId)) throw new HubError('counter_not_found', 404);
      requireSameCounter(callerId, counterId);
      return idempotent(req, reply, callerId, () => {
        const change = handle(counterId, req.body);
        return { status: 200, body: { ticket: change.ticket, snapshot: counterSnapshot(ctx, counterId, opts.status()) }, change };
      });
    });
  };
  counterAction('call-next', (id, body) => (parse(EmptyBody, body), callNext(ctx, id)));
  counterAction('call', (id, body) => callNumber(ctx, id, parse(CallBody, body).number));
  counterAction('recall', (id, body) => (parse(EmptyBody, body), recall(ctx, id)));
  counterAction('no-show', (id, body) => (parse(EmptyBody, body), finishOrNoShow(ctx, id, 'no_show')));
  counterAction('finish', (id, body) => (parse(EmptyBody, body), finishOrNoShow(ctx, id, 'finished')));
  counterAction('transfer', (id, body) => transfer(ctx, id, parse(TransferBody, body)));

  app.post('/api/v1/tickets/:ticketId/priority', async (req, reply) => {
    const callerId = requireCounterToken(req);
    const { ticketId } = parse(z.object({ ticketId: IdParam }), req.params);
    const { priority } = parse(PriorityBody, req.body);
    return idempotent(req, reply, callerId, () => {
      const change = setPriority(ctx, ticketId, priority);
      return { status: 200, body: { ticket: change.ticket }, change };
    });
  });

  app.post('/api/v1/walk-ins', async (req, reply) => {
    const callerId = requireCounterToken(req);
    const body = parse(WalkInBody, req.body ?? {});
    requireSameCounter(callerId, body.counterId);
    return idempotent(req, reply, callerId, () => {
      const ticket = issueWalkIn(ctx, body);
      return { status: 201, body: { ticket }, change: { ticket } };
    });
  });

  // The day's report (no personal data): JSON, CSV for the spreadsheet, or a printable page.
  app.get('/api/v1/reports/:date', async (req, reply) => {
    requireCounterToken(req);
    const { date } = parse(z.object({ date: DateSchema }), req.params);
    const { format } = parse(z.object({ format: z.enum(['json', 'csv', 'html']).default('json') }), req.query);
    const report = hubDayReport(ctx, date);
    if (format === 'csv') {
      reply.header('content-disposition', `attachment; filename="bao-cao-${report.officeId}-${date}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(dayReportCsv(report));
    }
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(dayReportHtml(report));
    return report;
  });

  // The pairing code is short and lasts: besides the per-address limit, wrong guesses from the whole LAN share one
  // budget, so a host with many addresses cannot walk the 10^6 codes (PAIRING_GUESSES per PAIRING_WINDOW_MS).
  const pairingFailures: number[] = [];
  app.post('/api/v1/pair', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req) => {
    const { code, counterId } = parse(PairBody, req.body);
    const now = Date.now();
    while (pairingFailures.length > 0 && pairingFailures[0]! < now - PAIRING_WINDOW_MS) pairingFailures.shift();
    if (pairingFailures.length >= PAIRING_GUESSES) throw new HubError('rate_limited', 429);
    if (!sameSecret(code.trim(), opts.pairingCode)) {
      pairingFailures.push(now);
      throw new HubError('invalid_pairing_code', 403);
    }
    const row = prepared(ctx.db, 'SELECT token FROM counters WHERE id = ?').get(counterId) as { token: string } | undefined;
    if (!row) throw new HubError('counter_not_found', 404);
    ctx.logger.info({ counterId }, 'counter paired');
    return { counterId, token: row.token };
  });

  // ---------- pages ----------
  await app.register(fastifyStatic, { root: join(opts.staticDir, 'assets'), prefix: '/assets/', wildcard: true, serve: existsSync(join(opts.staticDir, 'assets')) });
  if (existsSync(opts.audioDir)) await app.register(fastifyStatic, { root: opts.audioDir, prefix: '/audio/', decorateReply: false });
  const page = (name: 'counter' | 'display') => async (_req: FastifyRequest, reply: FastifyReply) => {
    const dir = join(opts.staticDir, name);
    if (!existsSync(join(dir, 'index.html'))) return reply.code(404).send(errorBody('invalid_input', { detail: `trang ${name} chưa được build (npx vite build)` }));
    return reply.header('cache-control', 'no-cache').sendFile('index.html', dir);
  };
  for (const name of ['counter', 'display'] as const) {
    app.get(`/${name}`, page(name));
    app.get(`/${name}/`, page(name));
  }
  app.get('/', async (_req, reply) => reply.redirect('/counter'));

  return {
    app,
    io,
    broadcastState,
    broadcastStatus,
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close().catch(() => {});
    },
  };
}

export type HubServer = Awaited<ReturnType<typeof createHubServer>>;
