/** Escapes text for HTML built as a string (printed tickets, the day's report), normalised to NFC. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.normalize('NFC').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
