/** Pure queue rules: ticket number format and call order. Table-tested in test/desk/queue-util.test.ts. */

/** `{prefix}{seq:3}` → "1" + "005". `{seq}` alone is unpadded. */
export function formatTicketNumber(format: string, prefix: string, seq: number): string {
  return format
    .replace(/\{prefix\}/g, prefix)
    .replace(/\{seq(?::(\d+))?\}/g, (_, width: string | undefined) => String(seq).padStart(width ? Number(width) : 0, '0'));
}

export interface QueueEntry {
  id: string;
  kind: 'booked' | 'walk_in';
  priority: boolean;
  /** Slot start `HH:MM` (booked only). */
  slot: string | null;
  checkedInAt: number;
  /** Insertion order (row id): breaks ties between check-ins in the same millisecond. */
  arrival: number;
}

/**
 * Call order: booked citizens whose slot has begun (by slot, then check-in time); then walk-ins in
 * arrival order; then booked citizens who came early for a later slot. Priority citizens (elderly,
 * disabled, pregnant) go first within each class. Ties break on arrival order, so the order is total.
 */
export function callOrder<T extends QueueEntry>(entries: readonly T[], nowHhmm: string): T[] {
  const rank = (e: QueueEntry) => (e.kind === 'walk_in' || e.slot === null ? 1 : e.slot <= nowHhmm ? 0 : 2);
  return [...entries].sort((a, b) => {
    const byClass = rank(a) - rank(b);
    if (byClass) return byClass;
    if (a.priority !== b.priority) return a.priority ? -1 : 1;
    if (rank(a) !== 1 && a.slot !== b.slot) return (a.slot ?? '') < (b.slot ?? '') ? -1 : 1;
    if (a.checkedInAt !== b.checkedInAt) return a.checkedInAt - b.checkedInAt;
    return a.arrival - b.arrival;
  });
}

export interface CounterScope {
  id: string;
  groupIds: readonly string[];
}

/** Whether a waiting ticket belongs in this counter's queue (a transfer to a counter or group overrides the ticket's own group). */
export function servesTicket(counter: CounterScope, ticket: { groupId: string; targetCounterId: string | null; targetGroupId: string | null }): boolean {
  if (ticket.targetCounterId) return ticket.targetCounterId === counter.id;
  return counter.groupIds.includes(ticket.targetGroupId ?? ticket.groupId);
}
