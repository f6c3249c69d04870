// Starts what the launch plan asks for: the built-in demo, the office hub, or nothing (a remote hub).
// The desk core does the work; this file only wires it with the app's paths and settings.
import { join } from 'node:path';
import { startDemoStack } from '../demo/demo-stack.js';
import { createDesk, type Logger } from '../desk/create-desk.js';
import type { HubStatus } from '../shared/hub-events.js';
import type { DeskSettings } from '../shared/ipc-contract.js';
import type { LaunchPlan } from './launch-util.js';
import { localHubUrl } from './launch-util.js';
import type { AppPaths } from './paths.js';

/** Counter tokens a hub makes on first run: enough for a one-stop department's desks. */
const HUB_COUNTERS = 8;

export interface RunningServices {
  mode: 'demo' | 'hub' | 'remote';
  /** The hub the windows talk to. */
  hubUrl: string;
  /** This desk's counter and its token, when it has one. */
  counter: { id: string; token: string } | null;
  /** Shown on a hub so counter-only desks can pair. */
  pairingCode: string | null;
  status(): Promise<HubStatus | null>;
  close(): Promise<void>;
}

async function fetchStatus(hubUrl: string): Promise<HubStatus | null> {
  try {
    const response = await fetch(new URL('/api/v1/status', hubUrl), { signal: AbortSignal.timeout(3_000) });
    return response.ok ? ((await response.json()) as HubStatus) : null;
  } catch {
    return null;
  }
}

export async function startServices(args: {
  plan: LaunchPlan;
  settings: DeskSettings;
  secrets: { deviceToken: string | null; counterToken: string | null };
  paths: AppPaths;
  logger: Logger;
}): Promise<RunningServices> {
  const { plan, settings, secrets, paths, logger } = args;
  if (plan.demo) {
    const demo = await startDemoStack({ dataDir: paths.demoDir, staticDir: paths.rendererDir, logger });
    const first = demo.counters[0];
    logger.info({ hub: demo.hubUrl, central: demo.centralUrl, bookings: demo.bookings.length }, 'demo started');
    return {
      mode: 'demo',
      hubUrl: demo.hubUrl,
      counter: first ? { id: first.id, token: first.token } : null,
      pairingCode: demo.pairingCode,
      status: async () => fetchStatus(demo.hubUrl),
      close: () => demo.close(),
    };
  }
  if (plan.hub) {
    if (!settings.centralUrl || !settings.officeId || !secrets.deviceToken) throw new Error('hub settings incomplete');
    const desk = await createDesk({
      dataDir: paths.hubDir,
      centralUrl: settings.centralUrl,
      officeId: settings.officeId,
      deviceToken: secrets.deviceToken,
      port: settings.hubPort,
      // All interfaces by default (the office LAN); MOTCUA_HUB_HOST binds one (a PC with two network cards).
      host: process.env.MOTCUA_HUB_HOST || '0.0.0.0',
      counters: HUB_COUNTERS,
      logger,
      staticDir: paths.rendererDir,
      audioDir: join(paths.rendererDir, '..', '..', 'resources', 'audio'),
    });
    const hubUrl = localHubUrl(settings.hubPort);
    const mine = desk.counters.find((counter) => counter.id === settings.counterId) ?? desk.counters[0];
    return {
      mode: 'hub',
      hubUrl,
      counter: mine ? { id: mine.id, token: mine.token } : null,
      pairingCode: desk.pairingCode,
      status: async () => desk.status(),
      close: () => desk.close(),
    };
  }
  if (!settings.hubUrl) throw new Error('hub URL missing');
  const hubUrl = settings.hubUrl;
  return {
    mode: 'remote',
    hubUrl,
    counter: settings.counterId && secrets.counterToken ? { id: settings.counterId, token: secrets.counterToken } : null,
    pairingCode: null,
    status: () => fetchStatus(hubUrl),
    close: async () => {},
  };
}
