/**
 * The central fastify app: error handling, limits, rate limiting, routes and the built booking pages.
 * `create-central.ts` composes it with a store; the CLI only listens.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { errorBody } from '../shared/reasons.js';
import { ApiError } from './api-error.js';
import { bearerToken, clientErrorHandler, frameworkErrorHandler } from './http-util.js';
import { bookingRoutes } from './routes/bookings.js';
import { createLogSmsSender, type SmsSender } from './sms.js';
import { hotlineRoutes } from './routes/hotline.js';
import { publicRoutes } from './routes/public.js';
import { reportRoutes } from './routes/reports.js';
import { syncRoutes } from './routes/sync.js';
import type { Store } from './store.js';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
/** `vite build` output, found from this file so the server works from any working directory. */
export const DEFAULT_STATIC_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
const BODY_LIMIT_BYTES = 256 * 1024;

export interface AppOptions {
  store: Store;
  rateLimitPerMinute?: number;
  staticDir?: string;
  logger?: boolean;
  /** Idle socket timeout (default 30 s): a client that stops sending is cut off. */
  connectionTimeoutMs?: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limit per citizen, not per proxy). */
  trustProxy?: boolean;
  /** SMS to citizens on booking, reschedule and cancel; default: written to the server log. */
  sms?: SmsSender;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Query strings carry phone numbers (lookups by code + phone): never log them (Decree 13/2023 on personal data).
    logger: opts.logger ? { serializers: { req: (request) => ({ method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip }) } } : false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Slow or stuck clients must not hold sockets forever.
    connectionTimeout: opts.connectionTimeoutMs ?? 30_000,
    requestTimeout: 15_000,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(error.body());
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('payload_too_large'));
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type and the like: the client's fault, said plainly without internals.
      const detail = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'chỉ nhận application/json' : 'nội dung yêu cầu không đọc được';
      return reply.code(400).send(errorBody('invalid_input', { detail }, { fields: {} }));
    }
    // Never leak 5xx details to clients; the log keeps them.
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal_error'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found')));

  const perMinute = opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  await app.register(fastifyRateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    // Health checks, static files and device-authenticated sync are not the public booking surface. Sync is
    // exempt only with a valid device token: a stranger hammering /api/v1/sync/ is limited like anyone else.
    allowList: async (request) =>
      request.url === '/healthz' || request.url.startsWith('/assets/') || (request.url.startsWith('/api/v1/sync/') && (await isDeviceRequest(opts.store, request))),
    errorResponseBuilder: () => new ApiError(429, 'rate_limited'),
  });

  publicRoutes(app, opts.store);
  bookingRoutes(app, opts.store, opts.sms ?? createLogSmsSender(app.log));
  syncRoutes(app, opts.store);
  // A login costs ~30 ms of scrypt and is a password guess: a thirtieth of the general limit (10 a minute by default).
  hotlineRoutes(app, opts.store, { loginsPerMinute: Math.max(5, Math.ceil(perMinute / 30)) });
  reportRoutes(app, opts.store);
  await staticPages(app, opts.staticDir ?? DEFAULT_STATIC_DIR);
  return app;
}

async function isDeviceRequest(store: Store, request: FastifyRequest): Promise<boolean> {
  const token = bearerToken(request);
  return token !== null && (await store.officeOfDeviceToken(token)) !== null;
}

/** The built booking pages (renderer/booking, built by `vite build`), when present. */
async function staticPages(app: FastifyInstance, staticDir: string): Promise<void> {
  if (!existsSync(staticDir)) return;
  await app.register(fastifyStatic, { root: staticDir, serve: false });
  const page = (file: string) => (existsSync(join(staticDir, file)) ? file : null);
  const bookingPage = page('booking/index.html');
  const hotlinePage = page('booking/hotline.html');
  if (bookingPage) app.get('/', (_request, reply) => reply.sendFile(bookingPage));
  if (hotlinePage) app.get('/hotline', (_request, reply) => reply.sendFile(hotlinePage));
  app.get('/assets/*', (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    return reply.sendFile(join('assets', rest));
  });
}
