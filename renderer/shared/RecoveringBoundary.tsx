/**
 * Error boundary for unattended screens: if rendering ever throws, show a short notice and mount the page
 * again after a pause (which reconnects and takes a fresh snapshot) instead of staying blank until someone
 * refreshes the TV.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  retryMs?: number;
}

interface State {
  failedAt: number | null;
  attempt: number;
}

export class RecoveringBoundary extends Component<Props, State> {
  override state: State = { failedAt: null, attempt: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): Partial<State> {
    return { failedAt: Date.now() };
  }

  override componentDidCatch(error: unknown) {
    console.error('[screen] render failed; remounting shortly', error);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState((s) => ({ failedAt: null, attempt: s.attempt + 1 })), this.props.retryMs ?? 5_000);
  }

  override componentWillUnmount() {
    clearTimeout(this.timer);
  }

  override render() {
    if (this.state.failedAt !== null) {
      return (
        <div className="connecting" role="status">
          <p>Đang khôi phục màn hình…</p>
          <p className="en">Recovering the screen…</p>
        </div>
      );
    }
    // A new key remounts the children from scratch on every retry.
    return <div key={this.state.attempt} style={{ display: 'contents' }}>{this.props.children}</div>;
  }
}
