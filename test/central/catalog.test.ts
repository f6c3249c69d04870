// The catalog as data (validation, templates, another province) and the pure calendar rules.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarRefusal } from '../../src/central/booking-rules.js';
import { loadCatalog, officeConfig, slotStarts } from '../../src/central/catalog.js';
import { createCentral, DEMO_CATALOG_PATH } from '../../src/central/create-central.js';

const demo = () => JSON.parse(readFileSync(DEMO_CATALOG_PATH, 'utf8')) as Record<string, unknown> & { offices: Record<string, unknown>[]; procedures: Record<string, unknown>[] };

describe('the demo catalog', () => {
  const catalog = loadCatalog(demo());

  it('has the Hậu Giang centre and the eight district departments with the agreed ids', () => {
    expect([...catalog.offices.keys()]).toEqual(['hg-ttphcc', 'hg-vithanh', 'hg-ngabay', 'hg-longmy-tx', 'hg-chauthanh', 'hg-chauthanha', 'hg-phunghiep', 'hg-vithuy', 'hg-longmy']);
    const centre = catalog.offices.get('hg-ttphcc')!;
    expect(centre).toMatchObject({ kind: 'province_centre', epidemicLevel: 3, waitingRoomCap: 30, hotline: '0293.3554567', parentId: null });
    const district = catalog.offices.get('hg-phunghiep')!;
    expect(district).toMatchObject({ kind: 'district', epidemicLevel: 2, parentId: 'hg-ttphcc', name: 'Bộ phận Một cửa huyện Phụng Hiệp' });
  });

  it('offers at least ten Department of Transport procedures by their official names, in NFC', () => {
    const transport = catalog.offices.get('hg-ttphcc')!.procedures.filter((p) => p.groupId === 'sgtvt');
    expect(transport.length).toBeGreaterThanOrEqual(10);
    expect(transport.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'Cấp mới Giấy phép lái xe',
        'Cấp lại Giấy phép lái xe',
        'Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp',
        'Cấp Giấy phép xe tập lái',
        'Cấp phù hiệu xe kinh doanh vận tải',
        'Đăng ký, cấp biển số xe máy chuyên dùng lần đầu',
      ]),
    );
    expect(transport.every((p) => p.agencyName === 'Sở Giao thông vận tải' && p.name === p.name.normalize('NFC'))).toBe(true);
  });

  it('gives each office counters q1, q2, … serving its groups, with the ticket prefix 1 for sgtvt', () => {
    for (const office of catalog.offices.values()) {
      const config = officeConfig(office);
      expect(config.counters.map((c) => c.id)).toEqual(config.counters.map((c) => `q${c.number}`));
      expect(config.serviceGroups.find((g) => g.id === 'sgtvt')?.ticketPrefix).toBe('1');
      for (const counter of config.counters) expect(counter.procedureCodes.length).toBeGreaterThan(0);
    }
  });

  it('splits the default sessions into 15-minute slots that never cross a session end', () => {
    const slots = slotStarts(catalog.offices.get('hg-ttphcc')!.schedule);
    expect(slots.slice(0, 2)).toEqual([{ start: '07:00', end: '07:15' }, { start: '07:15', end: '07:30' }]);
    expect(slots.find((s) => s.end === '11:30')?.start).toBe('11:15');
    expect(slots.find((s) => s.start === '13:30')?.end).toBe('13:45');
  });
});

describe('calendarRefusal', () => {
  const office = loadCatalog(demo()).offices.get('hg-vithanh')!;
  const now = Date.parse('2022-01-06T08:00:00+07:00');
  it.each([
    ['2022-01-06', '08:15', null],
    ['2022-01-06', '08:00', 'past_slot'],
    ['2022-01-03', '09:00', 'past_slot'],
    ['2022-01-09', '09:00', 'closed_day'],
    ['2022-01-07', '11:30', 'outside_hours'],
    ['2022-01-07', '06:45', 'outside_hours'],
    ['2022-01-20', '16:45', null],
    ['2022-01-21', '07:00', 'beyond_horizon'],
  ])('%s %s → %s', (date, slot, expected) => {
    expect(calendarRefusal(office, date, slot, now)?.code ?? null).toBe(expected);
  });
});

describe('catalog validation', () => {
  it.each([
    ['an unknown procedure in a group', (c: ReturnType<typeof demo>) => ((c.offices[0]!.serviceGroups as { procedures: string[] }[])[0]!.procedures.push('NO-SUCH'), c), /unknown procedure NO-SUCH/],
    ['a counter serving an unknown group', (c: ReturnType<typeof demo>) => ((c.offices[0]!.counters as { groupIds: string[] }[])[0]!.groupIds = ['ghost'], c), /unknown group ghost/],
    ['an unknown template', (c: ReturnType<typeof demo>) => ((c.offices[1]!.template = 'nowhere'), c), /unknown template/],
    ['a bad office id', (c: ReturnType<typeof demo>) => ((c.offices[0]!.id = 'Bad Id'), c), /./],
  ])('refuses %s', (_label, mutate, message) => {
    expect(() => loadCatalog(mutate(demo()))).toThrow(message);
  });

  it('runs another province from its own data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      const file = join(dir, 'can-tho.json');
      writeFileSync(
        file,
        JSON.stringify({
          province: 'Cần Thơ',
          defaults: { schedule: { workingDays: [1, 2, 3, 4, 5, 6], sessions: [{ start: '07:30', end: '11:00' }], slotMinutes: 30, horizonDays: 7 }, holidays: [] },
          agencies: [{ id: 'sgtvt', name: 'Sở Giao thông vận tải' }],
          procedures: [{ code: 'GTVT-GPLX-DOI', name: 'Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp', agencyId: 'sgtvt' }],
          offices: [
            {
              id: 'ct-ttphcc', name: 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ', kind: 'province_centre', parentId: null, address: 'Cần Thơ', hotline: '0292.0000000', epidemicLevel: 1, waitingRoomCap: 40,
              serviceGroups: [{ id: 'sgtvt', name: 'Sở Giao thông vận tải', agencyId: 'sgtvt', ticketPrefix: '1', capacityPerSlot: 6, procedures: ['GTVT-GPLX-DOI'] }],
              counters: [{ id: 'q1', name: 'Quầy 1', number: 1, groupIds: ['sgtvt'] }],
            },
          ],
        }),
      );
      const central = await createCentral({ catalogPath: file, clock: () => Date.parse('2022-01-06T08:00:00+07:00'), staticDir: '/nonexistent' });
      try {
        expect([...central.store.catalog.offices.keys()]).toEqual(['ct-ttphcc']);
        const slots = await central.store.slots('ct-ttphcc', 'GTVT-GPLX-DOI', '2022-01-08'); // a Saturday works in this province
        expect(slots.map((s) => s.start)).toEqual(['07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30']);
        expect(slots[0]).toMatchObject({ capacity: 6, available: 6 });
      } finally {
        await central.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
