// "Today" on the page is the office's today by the server's clock (a phone's clock may be wrong or in another zone).
import { useEffect, useState } from 'react';
import { localDate, localTime } from '../../src/shared/time.js';
import { api } from './api-client.js';

export interface OfficeNow {
  today: string;
  nowHhmm: string;
}

function officeNowAt(ms: number): OfficeNow {
  return { today: localDate(ms), nowHhmm: localTime(ms) };
}

/** Null until the server's clock has been read once. */
export function useOfficeNow(): OfficeNow | null {
  const [offsetMs, setOffsetMs] = useState<number | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    void api.serverNow().then((serverMs) => alive && setOffsetMs(serverMs - Date.now()));
    // Re-render each minute so past slots drop out of today's list.
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return offsetMs === null ? null : officeNowAt(Date.now() + offsetMs);
}
