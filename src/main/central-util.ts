// The office list from central (`GET /api/v1/offices`, public), for the settings page's office choice.
import { z } from 'zod';
import { OfficeIdSchema } from '../shared/api.js';
import type { CentralOfficesArgs, OfficeChoice } from '../shared/ipc-contract.js';
import { DeskApiError } from './ipc-util.js';

const OfficesSchema = z.array(z.object({ id: OfficeIdSchema, name: z.string().max(300) })).max(5_000);

export async function fetchOffices(fetchImpl: typeof fetch, args: CentralOfficesArgs, timeoutMs = 10_000): Promise<OfficeChoice[]> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/api/v1/offices', args.centralUrl), { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new DeskApiError(`Không kết nối được với máy chủ trung tâm tại ${args.centralUrl}. Kiểm tra địa chỉ và kết nối Internet.`);
  }
  const parsed = OfficesSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) throw new DeskApiError(`Địa chỉ ${args.centralUrl} không phải máy chủ trung tâm MotCua.`);
  return parsed.data.map(({ id, name }) => ({ id, name }));
}
