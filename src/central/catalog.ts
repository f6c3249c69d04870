/**
 * The catalog (offices, agencies, procedures, service groups, counters, schedules, holidays) as data:
 * one JSON file per province under resources/catalog, validated here. Another province is a data file away.
 * Offices may name a `template` whose fields they inherit (the district departments share one layout).
 */
import { z } from 'zod';
import { DateSchema, HhmmSchema, OfficeIdSchema, OfficeSchema, ProcedureCodeSchema } from '../shared/api.js';
import type { Office, OfficeConfig, Procedure } from '../shared/api.js';
import { slotGrid } from '../shared/time.js';

const GroupIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

const ScheduleSchema = z.object({
  workingDays: z.array(z.number().int().min(0).max(6)),
  sessions: z.array(z.object({ start: HhmmSchema, end: HhmmSchema })).min(1),
  slotMinutes: z.number().int().min(5).max(240),
  horizonDays: z.number().int().min(0).max(365),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

const ServiceGroupSchema = z.object({
  id: GroupIdSchema,
  name: z.string().min(1),
  agencyId: z.string().min(1),
  ticketPrefix: z.string().regex(/^\d$/),
  capacityPerSlot: z.number().int().nonnegative(),
  procedures: z.array(ProcedureCodeSchema),
});

const CounterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.string().min(1),
  number: z.number().int().positive(),
  groupIds: z.array(GroupIdSchema).min(1),
});

/** An office as the catalog describes it: the public fields of the wire `Office`, plus what runs it. */
const OfficeFieldsSchema = OfficeSchema.omit({ id: true }).extend({
  name: z.string().min(1),
  serviceGroups: z.array(ServiceGroupSchema).min(1),
  counters: z.array(CounterSchema),
  schedule: ScheduleSchema.partial().optional(),
  holidays: z.array(DateSchema).optional(),
});

const CatalogFileSchema = z.object({
  province: z.string(),
  defaults: z.object({ schedule: ScheduleSchema, holidays: z.array(DateSchema) }),
  agencies: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })),
  procedures: z.array(z.object({ code: ProcedureCodeSchema, name: z.string().min(1), agencyId: z.string().min(1) })),
  templates: z.record(z.string(), OfficeFieldsSchema.partial()).optional(),
  offices: z.array(OfficeFieldsSchema.partial().extend({ id: OfficeIdSchema, template: z.string().optional() })),
});
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

export interface CatalogOffice extends Office {
  schedule: Schedule;
  holidays: ReadonlySet<string>;
  groups: z.infer<typeof ServiceGroupSchema>[];
  counters: z.infer<typeof CounterSchema>[];
  /** Procedures offered here, each with the service group that receives it. */
  procedures: Procedure[];
}

export interface Catalog {
  source: CatalogFile;
  offices: Map<string, CatalogOffice>;
}

/** Validates a catalog document and resolves templates and defaults; throws with the first problem. */
export function loadCatalog(document: unknown): Catalog {
  const source = CatalogFileSchema.parse(document);
  const agencies = new Map(source.agencies.map((a) => [a.id, a]));
  const procedures = new Map(source.procedures.map((p) => [p.code, p]));
  const offices = new Map<string, CatalogOffice>();
  for (const raw of source.offices) {
    const template = raw.template ? source.templates?.[raw.template] : {};
    if (!template) throw new Error(`Office ${raw.id}: unknown template ${raw.template}`);
    const { template: _t, ...own } = raw;
    const fields = OfficeFieldsSchema.parse({ ...template, ...own });
    const offered: Procedure[] = [];
    for (const group of fields.serviceGroups) {
      const agency = agencies.get(group.agencyId);
      if (!agency) throw new Error(`Office ${raw.id}: unknown agency ${group.agencyId}`);
      for (const code of group.procedures) {
        const procedure = procedures.get(code);
        if (!procedure) throw new Error(`Office ${raw.id}: unknown procedure ${code}`);
        if (offered.some((p) => p.code === code)) throw new Error(`Office ${raw.id}: procedure ${code} in two groups`);
        const procedureAgency = agencies.get(procedure.agencyId);
        offered.push({ code, name: procedure.name, agencyId: procedure.agencyId, agencyName: procedureAgency?.name ?? agency.name, groupId: group.id });
      }
    }
    for (const counter of fields.counters) {
      for (const groupId of counter.groupIds) {
        if (!fields.serviceGroups.some((g) => g.id === groupId)) throw new Error(`Office ${raw.id}: counter ${counter.id} serves unknown group ${groupId}`);
      }
    }
    offices.set(raw.id, {
      id: raw.id,
      name: fields.name,
      kind: fields.kind,
      parentId: fields.parentId,
      address: fields.address,
      hotline: fields.hotline,
      epidemicLevel: fields.epidemicLevel,
      waitingRoomCap: fields.waitingRoomCap,
      schedule: { ...source.defaults.schedule, ...fields.schedule },
      holidays: new Set([...source.defaults.holidays, ...(fields.holidays ?? [])]),
      groups: fields.serviceGroups,
      counters: fields.counters,
      procedures: offered,
    });
  }
  return { source, offices };
}

export function publicOffice(office: CatalogOffice): Office {
  const { id, name, kind, parentId, address, hotline, epidemicLevel, waitingRoomCap } = office;
  return { id, name, kind, parentId, address, hotline, epidemicLevel, waitingRoomCap };
}

const slotCache = new WeakMap<Schedule, readonly { start: string; end: string }[]>();

/** Every slot start of a working day, e.g. 07:00, 07:15, …, 11:15, 13:30, … (a slot never crosses a session end). */
export function slotStarts(schedule: Schedule): readonly { start: string; end: string }[] {
  const cached = slotCache.get(schedule);
  if (cached) return cached;
  const slots = slotGrid(schedule.sessions, schedule.slotMinutes);
  slotCache.set(schedule, slots);
  return slots;
}

export function officeConfig(office: CatalogOffice, allOffices: Iterable<CatalogOffice> = []): OfficeConfig {
  return {
    office: publicOffice(office),
    officeNames: Object.fromEntries([...allOffices].map((o) => [o.id, o.name])),
    serviceGroups: office.groups.map((g) => ({ id: g.id, name: g.name, agencyId: g.agencyId, ticketPrefix: g.ticketPrefix, capacityPerSlot: g.capacityPerSlot })),
    procedures: office.procedures,
    counters: office.counters.map((c) => ({
      id: c.id,
      name: c.name,
      number: c.number,
      groupIds: c.groupIds,
      procedureCodes: office.procedures.filter((p) => c.groupIds.includes(p.groupId)).map((p) => p.code),
    })),
    schedule: { slotMinutes: office.schedule.slotMinutes, workingDays: office.schedule.workingDays, sessions: office.schedule.sessions },
  };
}
