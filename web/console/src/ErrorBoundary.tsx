/**
 * Catches an error thrown while drawing its children and draws `fallback` instead, rather than
 * the whole console going blank. To draw the children again, give the boundary a new `key`.
 */
import { Component, type ReactNode } from 'react';

interface Props { fallback: (error: Error) => ReactNode; children: ReactNode }

export class ErrorBoundary extends Component<Props, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
