// Which screen shows the waiting-room display. Pure: takes Electron's Display list as plain data.

export interface ScreenInfo {
  id: number;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
  primary: boolean;
}

export interface DisplayPlacement {
  /** The screen the window goes to; null = no screen at all (should not happen, but never crash). */
  screen: ScreenInfo | null;
  /** Full-screen kiosk on that screen; false = a normal window staff drag to the TV. */
  kiosk: boolean;
  /** Why this screen: the saved one, the first secondary, or the primary as a fallback. */
  reason: 'saved' | 'secondary' | 'primary-only' | 'none';
}

/**
 * The saved screen when it is still attached; otherwise the first screen that is not the primary
 * (left to right, so the choice is stable); otherwise the primary — in kiosk only when the desk is
 * display-only (a hub+counter desk with one screen keeps its counter window usable).
 */
export function chooseDisplayScreen(screens: readonly ScreenInfo[], savedId: number | null, displayOnly: boolean): DisplayPlacement {
  const saved = savedId === null ? undefined : screens.find((screen) => screen.id === savedId);
  if (saved) return { screen: saved, kiosk: true, reason: 'saved' };
  const secondary = screens
    .filter((screen) => !screen.primary)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id)[0];
  if (secondary) return { screen: secondary, kiosk: true, reason: 'secondary' };
  const primary = screens.find((screen) => screen.primary) ?? screens[0] ?? null;
  if (!primary) return { screen: null, kiosk: false, reason: 'none' };
  return { screen: primary, kiosk: displayOnly, reason: 'primary-only' };
}

/** Whether a change of screens should move the display window (its screen went or the chosen one changed). */
export function placementChanged(before: DisplayPlacement, after: DisplayPlacement): boolean {
  return before.screen?.id !== after.screen?.id || before.kiosk !== after.kiosk;
}

/** A normal (non-kiosk) window centred on a screen, at most 1280×800. */
export function windowBoundsOn(screen: ScreenInfo, kiosk: boolean): { x: number; y: number; width: number; height: number } {
  if (kiosk) return { ...screen.bounds };
  const width = Math.min(1280, screen.bounds.width);
  const height = Math.min(800, screen.bounds.height);
  return {
    x: screen.bounds.x + Math.round((screen.bounds.width - width) / 2),
    y: screen.bounds.y + Math.round((screen.bounds.height - height) / 2),
    width,
    height,
  };
}
