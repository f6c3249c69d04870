// Hotline operator routes: login, and bookings of a caller's phone.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PhoneSchema } from '../../shared/api.js';
import { ApiError } from '../api-error.js';
import { bearerToken, parseInput } from '../http-util.js';
import type { Store } from '../store.js';
import { bookingView } from './bookings.js';

// No control characters: PostgreSQL refuses a NUL in a text parameter (a 500 instead of wrong_credentials).
const LoginSchema = z.object({
  username: z.string().min(1).max(64).regex(/^\P{Cc}+$/u, 'Tên đăng nhập không hợp lệ'),
  password: z.string().min(1).max(200),
});
const PhoneQuerySchema = z.object({ phone: PhoneSchema });

export function hotlineRoutes(app: FastifyInstance, store: Store, limits: { loginsPerMinute: number }): void {
  app.post('/api/v1/hotline/login', { config: { rateLimit: { max: limits.loginsPerMinute, timeWindow: 60_000 } } }, async (request) => {
    const { username, password } = parseInput(LoginSchema, request.body);
    const session = await store.loginOperator(username, password);
    if (!session) throw new ApiError(401, 'wrong_credentials');
    return session;
  });

  app.get('/api/v1/hotline/bookings', async (request) => {
    const token = bearerToken(request);
    if (!token || !(await store.operatorOfSession(token))) throw new ApiError(401, 'operator_required');
    const { phone } = parseInput(PhoneQuerySchema, request.query);
    const rows = await store.bookingsByPhone(phone);
    return { bookings: await Promise.all(rows.map((row) => bookingView(store, row))) };
  });
}
