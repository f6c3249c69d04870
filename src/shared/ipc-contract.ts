/**
 * The desk app's IPC contract between Electron main, the preload and the renderer pages (STYLE.md §3).
 * Add a method here and the compiler walks you through main (`impl satisfies DeskApi`), the preload
 * (built from DESK_METHODS) and the renderer (`window.desk`). Every payload has a zod schema below;
 * main validates each call with it before doing anything.
 */
import { z } from 'zod';
import { OfficeIdSchema } from './api.js';

// ---------- Settings (also the payload of `settings:save`) ----------

/** What this desk PC does. `hub-counter`: the office hub plus a counter window (one-desk offices, default). */
export const DESK_ROLES = ['hub-counter', 'counter', 'display'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export const DEFAULT_HUB_PORT = 3100;

const HttpUrlSchema = z
  .string()
  .trim()
  .max(300)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'Địa chỉ phải có dạng http://… hoặc https://…')
  .transform((text) => text.replace(/\/+$/, ''));

const CounterIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã quầy không hợp lệ');
const SecretSchema = z.string().trim().min(8, 'Mã truy cập quá ngắn').max(512).regex(/^[\x21-\x7e]+$/, 'Mã truy cập chỉ gồm ký tự ASCII');

/**
 * Desk settings as the settings page edits them. Secrets (device token, counter token) are write-only:
 * `settings:read` only says whether they are set, and an omitted secret in `settings:save` keeps the stored one.
 */
export const DeskSettingsSchema = z.object({
  role: z.enum(DESK_ROLES),
  /** Central server, e.g. https://motcua.haugiang.gov.vn (hub role). */
  centralUrl: HttpUrlSchema.nullable(),
  officeId: OfficeIdSchema.nullable(),
  /** LAN port the hub listens on (hub role). */
  hubPort: z.number().int().min(1024).max(65535),
  /** The office hub this desk connects to (counter and display roles), e.g. http://192.168.1.10:3100. */
  hubUrl: HttpUrlSchema.nullable(),
  /** Which counter this desk is (counter roles). */
  counterId: CounterIdSchema.nullable(),
  /** OS name of the ticket printer; null = the system default printer. */
  printerName: z.string().trim().min(1).max(200).nullable(),
  /** Electron `Display.id` of the waiting-room screen; null = the first screen that is not the primary. */
  displayScreenId: z.number().int().nullable(),
  /** Voice announcements on the display window. */
  sound: z.boolean(),
  startOnLogin: z.boolean(),
});
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;

export const SaveSettingsArgsSchema = z
  .object({
    settings: DeskSettingsSchema,
    /** New device token from central (hub role); omitted = keep the stored one. */
    deviceToken: SecretSchema.optional(),
    /** New counter token (counter role, usually obtained by pairing); omitted = keep the stored one. */
    counterToken: SecretSchema.optional(),
  })
  .strict();
export type SaveSettingsArgs = Readonly<z.input<typeof SaveSettingsArgsSchema>>;

export interface SettingsView {
  settings: DeskSettings;
  /** True until settings are saved once: the app runs the built-in demo. */
  demo: boolean;
  hasDeviceToken: boolean;
  hasCounterToken: boolean;
  /** Whether secrets are encrypted by the OS (safeStorage); false = stored in plain text in the app folder. */
  secretsEncrypted: boolean;
}

// ---------- Printing ----------

/** A queue ticket to print on the 80 mm thermal printer. Text only: main lays it out. */
export const PrintTicketArgsSchema = z
  .object({
    officeName: z.string().min(1).max(200),
    ticketNumber: z.string().min(1).max(20),
    procedureName: z.string().max(300).nullable(),
    /** Slot start `HH:MM` for booked tickets. */
    slot: z.string().max(5).nullable(),
    counterName: z.string().max(100).nullable(),
    hotline: z.string().max(40).nullable(),
    /** Epoch ms the ticket was issued. */
    issuedAt: z.number().int().nonnegative(),
    /** Waiting count ahead, if known. */
    waitingAhead: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type PrintTicketArgs = Readonly<z.input<typeof PrintTicketArgsSchema>>;

export interface PrintResult {
  printed: boolean;
  /** OS printer name used; null = system default. */
  printerName: string | null;
  /** Why it failed (Vietnamese), when `printed` is false. */
  failureReason: string | null;
}

export interface PrinterSummary {
  name: string;
  displayName: string;
  isDefault: boolean;
}

// ---------- Screens, pairing, app ----------

export interface ScreenSummary {
  id: number;
  label: string;
  width: number;
  height: number;
  primary: boolean;
}

export const PairArgsSchema = z
  .object({
    hubUrl: HttpUrlSchema,
    code: z.string().trim().min(4).max(16).regex(/^[A-Za-z0-9-]+$/, 'Mã ghép nối chỉ gồm chữ và số'),
    counterId: CounterIdSchema,
  })
  .strict();
export type PairArgs = Readonly<z.input<typeof PairArgsSchema>>;
export interface PairResult {
  counterId: string;
  /** The counter token is stored by main; it never returns to the page. */
  paired: true;
}

/** What this desk is running now, for the settings page and the IT officer. */
export interface HubInfo {
  mode: 'demo' | 'hub' | 'remote' | 'none';
  /** The hub this desk's windows use. */
  hubUrl: string | null;
  /** Addresses other desks and TVs on the LAN can use (hub and demo modes). */
  lanUrls: string[];
  /** Code a counter-only desk enters to pair (hub and demo modes). */
  pairingCode: string | null;
}

export const CentralOfficesArgsSchema = z.object({ centralUrl: HttpUrlSchema }).strict();
export type CentralOfficesArgs = Readonly<z.input<typeof CentralOfficesArgsSchema>>;
export interface OfficeChoice {
  id: string;
  name: string;
}

export interface AppVersion {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
}

export interface DiagnosticsResult {
  /** Where the zip was written; null when the user cancelled the save dialog. */
  path: string | null;
  bytes: number;
}

// ---------- The contract ----------

export interface DeskApi {
  /** Print a queue ticket silently on the printer chosen in settings (80 mm). */
  'ticket:print'(args: PrintTicketArgs): Promise<PrintResult>;
  /** Print a sample ticket on the chosen printer (the settings page's test button). */
  'printer:test'(): Promise<PrintResult>;
  /** Printers the OS knows. */
  'printer:list'(): Promise<PrinterSummary[]>;
  /** Current settings (secrets only as "is set"). */
  'settings:read'(): Promise<SettingsView>;
  /** Validate and save settings; the app restarts its services to apply them. */
  'settings:save'(args: SaveSettingsArgs): Promise<SettingsView>;
  /** Screens attached now, to choose the waiting-room TV. */
  'screen:list'(): Promise<ScreenSummary[]>;
  /** Open (or focus) the waiting-room display window. */
  'display:open'(): Promise<void>;
  /** The offices a central server knows, to choose this hub's office in settings. */
  'central:offices'(args: CentralOfficesArgs): Promise<OfficeChoice[]>;
  /** What runs on this desk now: mode, hub address for other desks, pairing code. */
  'hub:info'(): Promise<HubInfo>;
  /** Pair this counter-only desk with the office hub using the code the hub shows. */
  'hub:pair'(args: PairArgs): Promise<PairResult>;
  /** Versions of the app and its runtime. */
  'app:version'(): Promise<AppVersion>;
  /** Save a zip of logs and status (no personal data) where the user chooses. */
  'diagnostics:export'(): Promise<DiagnosticsResult>;
}

export const DESK_METHODS = [
  'ticket:print',
  'printer:test',
  'printer:list',
  'settings:read',
  'settings:save',
  'screen:list',
  'display:open',
  'central:offices',
  'hub:info',
  'hub:pair',
  'app:version',
  'diagnostics:export',
] as const satisfies readonly (keyof DeskApi)[];
export type DeskMethod = (typeof DESK_METHODS)[number];

/** The payload schema of each method; methods without a payload take nothing (`undefined`). */
export const DESK_ARG_SCHEMAS = {
  'ticket:print': PrintTicketArgsSchema,
  'printer:test': z.undefined(),
  'printer:list': z.undefined(),
  'settings:read': z.undefined(),
  'settings:save': SaveSettingsArgsSchema,
  'screen:list': z.undefined(),
  'display:open': z.undefined(),
  'central:offices': CentralOfficesArgsSchema,
  'hub:info': z.undefined(),
  'hub:pair': PairArgsSchema,
  'app:version': z.undefined(),
  'diagnostics:export': z.undefined(),
} as const satisfies Record<DeskMethod, z.ZodType>;

/** Main-to-renderer pushes. */
export interface DeskEvents {
  /** Settings were saved (by any window). */
  'settings:changed': (view: SettingsView) => void;
}
export const DESK_EVENTS = ['settings:changed'] as const satisfies readonly (keyof DeskEvents)[];

/**
 * How a failure crosses IPC: `APIError` = the call was refused (bad input, a hub refusal) and `message`
 * is Vietnamese, ready to show; `InternalError` = something broke, details stay in the log. Never a stack.
 */
export interface DeskIpcError {
  type: 'APIError' | 'InternalError';
  message: string;
  /** Reason code (src/shared/reasons.ts) when there is one. */
  code?: string;
}

/** The envelope main returns from every handler; the preload unwraps it (rejects with `DeskIpcError`). */
export type DeskIpcResult<T> = { ok: true; value: T } | { ok: false; error: DeskIpcError };

/** The IPC channel of a main-to-renderer event. */
export const deskEventChannel = (name: keyof DeskEvents): string => `event:${name}`;

/** What the preload exposes as `window.desk`. */
export type DeskBridge = DeskApi & {
  /** Subscribe to a main-to-renderer event; returns the unsubscribe function. */
  on<K extends keyof DeskEvents>(name: K, listener: DeskEvents[K]): () => void;
};
