import type { Jwk, OfficeConfig } from '../shared/api.js';
import type { Clock } from '../shared/time.js';
import { localDate } from '../shared/time.js';
import { createTokenVerifier } from './checkin/verify-token.js';
import { prepared, type Db } from './db/open-db.js';
import type { Logger } from './logger.js';
import type { CounterScope } from './queue/queue-util.js';
import { loadHubOptions, loadOfficeConfig, type HubOptions } from './store/office-config.js';

export interface RuntimeCounter extends CounterScope {
  name: string;
  number: number;
}

/** What every use-case needs: the store, the clock, and cached views of the office config and keys. */
export interface HubContext {
  db: Db;
  clock: Clock;
  officeId: string;
  logger: Logger;
  options: HubOptions;
  config(): OfficeConfig;
  /** Re-read the office config and keys after sync changed them. */
  reload(): void;
  today(): string;
  counters(): RuntimeCounter[];
  counter(id: string): RuntimeCounter | null;
  procedureName(code: string | null): string | null;
  groupPrefix(groupId: string): string;
  verifyToken: ReturnType<typeof createTokenVerifier>;
}

export function createHubContext(args: { db: Db; clock: Clock; officeId: string; logger: Logger }): HubContext {
  const { db, clock, officeId, logger } = args;
  let config = loadOfficeConfig(db, officeId);
  let keys: Jwk[] = [];
  let counters: RuntimeCounter[] = [];
  let procedureNames = new Map<string, string>();

  const reload = () => {
    config = loadOfficeConfig(db, officeId);
    keys = (prepared(db, 'SELECT kid, x FROM signing_keys').all() as { kid: string; x: string }[]).map((k) => ({ kty: 'OKP', crv: 'Ed25519', ...k }));
    procedureNames = new Map(config.procedures.map((p) => [p.code, p.name]));
    const allGroups = config.serviceGroups.map((g) => g.id);
    const rows = prepared(db, 'SELECT id, name, number FROM counters ORDER BY number').all() as { id: string; name: string; number: number }[];
    counters = rows.map((row) => {
      // A counter the office config describes serves its groups; one it doesn't know serves them all.
      const known = config.counters.find((c) => c.id === row.id);
      return { id: row.id, name: known?.name ?? row.name, number: known?.number ?? row.number, groupIds: known?.groupIds.length ? known.groupIds : allGroups };
    });
  };
  reload();

  return {
    db,
    clock,
    officeId,
    logger,
    options: loadHubOptions(db),
    config: () => config,
    reload,
    today: () => localDate(clock()),
    counters: () => counters,
    counter: (id) => counters.find((c) => c.id === id) ?? null,
    procedureName: (code) => (code ? (procedureNames.get(code) ?? code) : null),
    groupPrefix: (groupId) => {
      const groups = config.serviceGroups;
      const index = groups.findIndex((g) => g.id === groupId);
      return index >= 0 ? groups[index]!.ticketPrefix : String(groups.length + 1);
    },
    verifyToken: createTokenVerifier(() => keys),
  };
}
