import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDesk } from '../../src/desk/create-desk.js';
import { join } from 'node:path';
import { manualClock, readRows, tempDir } from '../helpers/desk.js';

/** A loopback URL where nothing listens: central is simply unreachable. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('createDesk', () => {
  it('keeps counter tokens and the pairing code across restarts, adds counters when asked, and works offline from the start', async () => {
    const dir = tempDir();
    const centralUrl = await deadUrl();
    const base = { dataDir: dir.path, centralUrl, officeId: 'hg-vithanh', deviceToken: 'mcd_unused-token', clock: manualClock(), host: '127.0.0.1', port: 0 };
    try {
      const first = await createDesk({ ...base, counters: 2 });
      await first.syncNow();
      expect(first.status()).toMatchObject({ online: false, syncState: 'offline', officeId: 'hg-vithanh', walkInsAllowed: false });
      expect(first.pairingCode).toMatch(/^\d{6}$/);
      expect(first.counters.map((c) => c.id)).toEqual(['q1', 'q2']);
      // Never synced: the cautious default refuses walk-ins.
      const res = await fetch(`${first.url}/api/v1/walk-ins`, { method: 'POST', headers: { authorization: `Bearer ${first.counters[0]!.token}`, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(403);
      await first.close();

      const second = await createDesk({ ...base, counters: 3 });
      expect(second.pairingCode).toBe(first.pairingCode);
      expect(second.counters.slice(0, 2)).toEqual(first.counters);
      expect(second.counters).toHaveLength(3);
      await second.close();

      await expect(createDesk({ ...base, officeId: 'hg-ngabay' })).rejects.toThrow(/belongs to office hg-vithanh/);
    } finally {
      dir.remove();
    }
  });

  it('stores the tunables given once and keeps them; refuses a ticket format without a sequence', async () => {
    const dir = tempDir();
    const base = { dataDir: dir.path, centralUrl: await deadUrl(), officeId: 'hg-vithanh', deviceToken: 'mcd_unused-token', clock: manualClock(), host: '127.0.0.1', port: 0 };
    try {
      const first = await createDesk({ ...base, options: { openBeforeMinutes: 60, retentionDays: 90, ticketFormat: '{prefix}-{seq:2}' } });
      await first.close();
      const again = await createDesk(base);
      await again.close();
      const stored = readRows<{ value: string }>(join(dir.path, 'hub.sqlite'), "SELECT value FROM settings WHERE key = 'hub_options'");
      expect(JSON.parse(stored[0]!.value)).toEqual({ openBeforeMinutes: 60, closeAfterMinutes: 30, retentionDays: 90, ticketFormat: '{prefix}-{seq:2}' });
      await expect(createDesk({ ...base, options: { ticketFormat: '{prefix}' } })).rejects.toThrow(/seq/);
      await expect(createDesk({ ...base, options: { retentionDays: 0 } })).rejects.toThrow();
    } finally {
      dir.remove();
    }
  });

  it('fails cleanly when the port is taken, leaving the data folder usable', async () => {
    const dir = tempDir();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const base = { dataDir: dir.path, centralUrl: await deadUrl(), officeId: 'hg-vithanh', deviceToken: 'mcd_unused-token', clock: manualClock(), host: '127.0.0.1' };
    try {
      await expect(createDesk({ ...base, port })).rejects.toThrow(/EADDRINUSE/);
      const desk = await createDesk({ ...base, port: 0 });
      expect((await fetch(`${desk.url}/api/v1/status`)).status).toBe(200);
      await desk.close();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      dir.remove();
    }
  });
});
