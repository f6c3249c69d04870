/**
 * What a US-programmed handheld scanner's key presses become on a PC set to another keyboard layout or running a
 * Vietnamese input method — written independently of renderer/counter/lib/wedge-util.ts so tests check it.
 * Each result is the key events the OS delivers: `key` (the character produced), `code` (the physical key), shift.
 */
export interface TypedKey {
  key: string;
  code: string;
  shift: boolean;
}

const US_PUNCTUATION: Record<string, [code: string, shift: boolean]> = {
  '.': ['Period', false], '-': ['Minus', false], '|': ['Backslash', true], ' ': ['Space', false], ']': ['BracketRight', false],
  '/': ['Slash', false], ':': ['Semicolon', true],
};

/** The physical key and shift state a scanner uses for a character on the US layout. */
export function usKeyOf(char: string): { code: string; shift: boolean } {
  if (/^[a-z]$/.test(char)) return { code: `Key${char.toUpperCase()}`, shift: false };
  if (/^[A-Z]$/.test(char)) return { code: `Key${char}`, shift: true };
  if (/^[0-9]$/.test(char)) return { code: `Digit${char}`, shift: false };
  const punct = US_PUNCTUATION[char];
  if (!punct) throw new Error(`No US key for ${JSON.stringify(char)}`);
  return { code: punct[0], shift: punct[1] };
}

/** French AZERTY: [unshifted, shifted] per physical key that differs from US. */
const AZERTY: Record<string, [string, string]> = {
  Digit1: ['&', '1'], Digit2: ['é', '2'], Digit3: ['"', '3'], Digit4: ["'", '4'], Digit5: ['(', '5'],
  Digit6: ['-', '6'], Digit7: ['è', '7'], Digit8: ['_', '8'], Digit9: ['ç', '9'], Digit0: ['à', '0'],
  KeyQ: ['a', 'A'], KeyA: ['q', 'Q'], KeyW: ['z', 'Z'], KeyZ: ['w', 'W'], Semicolon: ['m', 'M'],
  KeyM: [',', '?'], Comma: [';', '.'], Period: [':', '/'], Slash: ['!', '§'], Minus: [')', '°'],
};

/** German QWERTZ: keys that differ from US for what a token or code uses. */
const QWERTZ: Record<string, [string, string]> = {
  KeyY: ['z', 'Z'], KeyZ: ['y', 'Y'], Minus: ['ß', '?'], Period: ['.', ':'], Slash: ['-', '_'],
};

function throughLayout(text: string, layout: Record<string, [string, string]> | null): TypedKey[] {
  return [...text].map((char) => {
    const { code, shift } = usKeyOf(char);
    const mapped = layout?.[code];
    return { key: mapped ? mapped[shift ? 1 : 0] : char, code, shift };
  });
}

export const typeUs = (text: string) => throughLayout(text, null);
export const typeAzerty = (text: string) => throughLayout(text, AZERTY);
export const typeQwertz = (text: string) => throughLayout(text, QWERTZ);

/**
 * Unikey/EVKey in Telex mode: on "AA", "EE", "DD" and a tone key (S F R X J) after a vowel it erases the last letter
 * (a Backspace) and types the composed one, as it does in any Windows app.
 */
export function typeTelex(text: string): TypedKey[] {
  const doubled: Record<string, string> = { A: 'Â', E: 'Ê', D: 'Đ', a: 'â', e: 'ê', d: 'đ' };
  const tones: Record<string, Record<string, string>> = {
    S: { A: 'Á', E: 'É', Y: 'Ý' }, F: { A: 'À', E: 'È', Y: 'Ỳ' }, R: { A: 'Ả', E: 'Ẻ', Y: 'Ỷ' },
    X: { A: 'Ã', E: 'Ẽ', Y: 'Ỹ' }, J: { A: 'Ạ', E: 'Ẹ', Y: 'Ỵ' },
  };
  const out: TypedKey[] = [];
  let previous = '';
  for (const char of text) {
    const { code, shift } = usKeyOf(char);
    const composed = (char === previous ? doubled[char] : undefined) ?? tones[char.toUpperCase()]?.[previous.toUpperCase()];
    if (composed) {
      out.push({ key: 'Backspace', code: 'Backspace', shift: false }, { key: composed, code: '', shift: false });
      previous = '';
    } else {
      out.push({ key: char, code, shift });
      previous = char;
    }
  }
  return out;
}
