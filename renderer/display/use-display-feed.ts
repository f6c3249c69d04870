/**
 * The live feed from the hub's socket.io `/display` namespace (same origin as the page). Handlers are
 * registered once for the page's life, so a reconnect never doubles them (nor an announcement); every
 * (re)connect brings a full snapshot that replaces the screen's state.
 */
import { useEffect, useReducer, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { HUB_EVENTS, HUB_NAMESPACES, type CallEvent, type DisplayToHubServer, type HubServerToDisplay } from '../../src/shared/hub-events.js';
import { startSocketWatchdog } from '../shared/socket-watchdog.js';
import { CallEventSchema, DisplaySnapshotSchema, DisplayStateSchema } from './display-schema.js';
import { INITIAL_SCREEN, screenReducer, type ScreenState } from './display-state.js';

export function useDisplayFeed(onCall: (call: CallEvent) => void): ScreenState {
  const [screen, dispatch] = useReducer(screenReducer, INITIAL_SCREEN);
  const onCallRef = useRef(onCall);
  onCallRef.current = onCall;

  useEffect(() => {
    const socket: Socket<HubServerToDisplay, DisplayToHubServer> = io(HUB_NAMESPACES.display, {
      reconnectionDelay: 500,
      reconnectionDelayMax: 3_000,
      timeout: 5_000,
      // The hub is on the LAN: open a WebSocket straight away, falling back to long-polling if it fails.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    const watchdog = startSocketWatchdog(socket);
    const rejected = (event: string, error: unknown) => console.warn(`[display] ignored a malformed "${event}" payload`, error);

    socket.on('connect', () => {
      watchdog.connected();
      dispatch({ type: 'connection', connected: true });
    });
    socket.on('disconnect', () => dispatch({ type: 'connection', connected: false }));
    socket.on(HUB_EVENTS.snapshot, (payload: unknown) => {
      const parsed = DisplaySnapshotSchema.safeParse(payload);
      if (!parsed.success) return rejected(HUB_EVENTS.snapshot, parsed.error);
      watchdog.snapshotReceived();
      dispatch({ type: 'snapshot', snapshot: parsed.data, receivedAt: Date.now() });
    });
    socket.on(HUB_EVENTS.state, (payload: unknown) => {
      const parsed = DisplayStateSchema.safeParse(payload);
      if (!parsed.success) return rejected(HUB_EVENTS.state, parsed.error);
      dispatch({ type: 'state', state: parsed.data });
    });
    socket.on(HUB_EVENTS.called, (payload: unknown) => {
      const parsed = CallEventSchema.safeParse(payload);
      if (!parsed.success) return rejected(HUB_EVENTS.called, parsed.error);
      dispatch({ type: 'called', call: parsed.data });
      onCallRef.current(parsed.data);
    });
    // Coming back from sleep or a dropped Wi-Fi: don't wait for the next backoff step.
    const retryNow = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener('online', retryNow);
    document.addEventListener('visibilitychange', retryNow);

    return () => {
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', retryNow);
      watchdog.stop();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  return screen;
}
