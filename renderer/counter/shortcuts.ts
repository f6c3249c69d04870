// The counter's keyboard shortcuts, shown on the buttons.
/** Function keys: scanners never type them, so they cannot collide with a wedge read. */
export const SHORTCUTS = {
  callNext: 'F2',
  recall: 'F3',
  noShow: 'F4',
  transfer: 'F6',
  walkIn: 'F7',
  finish: 'F8',
  callChosen: 'F9',
  print: 'F10',
  priority: 'Alt+P',
} as const;
export type ShortcutAction = keyof typeof SHORTCUTS;
