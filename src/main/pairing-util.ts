// Pairing a counter-only desk: the hub shows a short code; we send it with our counter id and receive
// that counter's token (`POST /api/v1/pair`, public and rate-limited on the hub).
import { z } from 'zod';
import type { PairArgs } from '../shared/ipc-contract.js';
import { REASONS, type ReasonCode } from '../shared/reasons.js';
import { DeskApiError } from './ipc-util.js';

const PairResponseSchema = z.object({ counterId: z.string(), token: z.string().min(8).max(512) });
const ErrorReplySchema = z.object({ error: z.string(), message: z.string() });

export async function pairWithHub(fetchImpl: typeof fetch, args: PairArgs, timeoutMs = 10_000): Promise<{ counterId: string; token: string }> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/api/v1/pair', args.hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: args.code.trim().toUpperCase(), counterId: args.counterId }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new DeskApiError(`Không kết nối được với máy chủ quầy tại ${args.hubUrl}. Kiểm tra địa chỉ và mạng nội bộ.`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = ErrorReplySchema.safeParse(body);
    if (refusal.success) {
      const code = refusal.data.error in REASONS ? (refusal.data.error as ReasonCode) : undefined;
      throw new DeskApiError(refusal.data.message, code);
    }
    throw new DeskApiError(`Máy chủ quầy từ chối ghép nối (HTTP ${response.status}).`);
  }
  const paired = PairResponseSchema.safeParse(body);
  if (!paired.success || paired.data.counterId !== args.counterId) throw new DeskApiError('Máy chủ quầy trả lời không đúng định dạng.');
  return paired.data;
}
