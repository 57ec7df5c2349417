/**
 * Catches an error thrown while drawing its children and draws `fallback` instead, rather than
 * the whole console going blank. To draw the children again, give the boundary a new `key`.
 * The focus, lost with the children (the control the user was on is gone: it falls to <body>),
 * goes to the fallback's first control (its way back); focus elsewhere in the page stays.
 */
import { Component, createRef, type ReactNode } from 'react';

interface Props { fallback: (error: Error) => ReactNode; children: ReactNode }

const CONTROLS = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

export class ErrorBoundary extends Component<Props, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };
  private readonly box = createRef<HTMLDivElement>();

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidMount(): void { this.focusFallback(undefined); }

  override componentDidUpdate(_props: Props, before: { error: Error | undefined }): void { this.focusFallback(before.error); }

  private focusFallback(before: Error | undefined): void {
    if (!this.state.error || before) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) this.box.current?.querySelector<HTMLElement>(CONTROLS)?.focus();
  }

  override render(): ReactNode {
    // `display: contents`: the wrapper (there only to find the fallback's controls) takes no part in the layout.
    return this.state.error ? <div ref={this.box} style={{ display: 'contents' }}>{this.props.fallback(this.state.error)}</div> : this.props.children;
  }
}
