// What the app starts for a role: services and windows. Pure, so the role rules have a table test.
import type { DeskRole } from '../shared/ipc-contract.js';

export interface LaunchPlan {
  /** No settings yet: run the built-in demo (in-process central with the demo catalog, and a hub). */
  demo: boolean;
  /** Run the office hub in this process. */
  hub: boolean;
  counterWindow: boolean;
  /** `always`: open it at start; `second-screen`: only when a second screen is attached (else from the tray). */
  displayWindow: 'always' | 'second-screen' | 'never';
  /** Open the settings page at start (settings are incomplete). */
  settingsWindow: boolean;
}

export function planLaunch(input: { role: DeskRole; hasSettings: boolean; missing: readonly string[] }): LaunchPlan {
  if (!input.hasSettings) return { demo: true, hub: true, counterWindow: true, displayWindow: 'always', settingsWindow: false };
  if (input.missing.length > 0) return { demo: false, hub: false, counterWindow: false, displayWindow: 'never', settingsWindow: true };
  switch (input.role) {
    case 'hub-counter':
      return { demo: false, hub: true, counterWindow: true, displayWindow: 'second-screen', settingsWindow: false };
    case 'counter':
      return { demo: false, hub: false, counterWindow: true, displayWindow: 'never', settingsWindow: false };
    case 'display':
      return { demo: false, hub: false, counterWindow: false, displayWindow: 'always', settingsWindow: false };
  }
}

/** The counter page for one counter; the token rides in the fragment so it never reaches a server log. */
export function counterPageUrl(hubUrl: string, counterId: string, token: string | null): string {
  const url = new URL('/counter', hubUrl);
  url.searchParams.set('counter', counterId);
  if (token) url.hash = `token=${encodeURIComponent(token)}`;
  return url.toString();
}

export function displayPageUrl(hubUrl: string): string {
  return new URL('/display', hubUrl).toString();
}

/** The hub URL a local hub is reached at from this PC. */
export function localHubUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}
