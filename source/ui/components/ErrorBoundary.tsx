// A render error must not leave a stack trace on the operator's screen (Ink's own boundary
// prints one). This boundary hands the error to `onError`, which ends the app; run.tsx restores
// the terminal and prints one sentence.
import React from 'react';

interface Props {
  onError: (error: Error) => void;
  children: React.ReactNode;
}

export class ErrorBoundary extends React.Component<Props, {failed: boolean}> {
  override state = {failed: false};

  static getDerivedStateFromError(): {failed: boolean} {
    return {failed: true};
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): React.ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
