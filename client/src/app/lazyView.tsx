import { Component, lazy, Suspense, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import './lazyView.css';

/**
 * Where a lazily loaded view sits, for its loading and error states: a whole page, a side panel,
 * a view over the canvas, or a dialog (shown over the page while its code loads).
 */
export type LazyPlacement = 'page' | 'panel' | 'stage' | 'dialog';

export interface LazyViewOptions {
  /** What is loading, as the user would name it: "the export", "the history". */
  label: string;
  placement: LazyPlacement;
}

export type LazyView<P> = ComponentType<P> & {
  /** Starts loading the code now (on hover, say), without showing anything. */
  preload: () => void;
};

/**
 * A view whose code is split out of the first load (see docs/benchmarks.md, "What the map page
 * loads"): it loads the first time it is shown, with a labelled loading state meanwhile, and an
 * error state with "Try again" when the code cannot be fetched (offline, a deploy replaced it).
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { label, placement }: LazyViewOptions,
): LazyView<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => {
    loading ??= load().catch((error: unknown) => {
      // The next attempt fetches again.
      loading = null;
      throw error;
    });
    return loading;
  };
  const makeLazy = () => lazy(() => start().then((component) => ({ default: component })));
  let current = makeLazy();

  function View(props: P) {
    const [attempt, setAttempt] = useState(0);
    const Loaded = current;
    return (
      <ChunkErrorBoundary
        key={attempt}
        label={label}
        placement={placement}
        onRetry={() => {
          current = makeLazy();
          setAttempt((n) => n + 1);
        }}
      >
        <Suspense fallback={<ChunkLoading label={label} placement={placement} />}>
          <Loaded {...props} />
        </Suspense>
      </ChunkErrorBoundary>
    );
  }
  View.displayName = `Lazy(${label})`;
  return Object.assign(View, {
    preload: () => {
      start().catch(() => {
        // Shown when the view itself is opened.
      });
    },
  });
}

function ChunkLoading({ label, placement }: { label: string; placement: LazyPlacement }) {
  return (
    <div className={`lazy-view lazy-view--${placement}`} role="status" aria-live="polite" aria-busy="true">
      <span className="lazy-view__spinner" aria-hidden="true" />
      <span>Loading {label}…</span>
    </div>
  );
}

interface BoundaryProps {
  label: string;
  placement: LazyPlacement;
  onRetry: () => void;
  children: ReactNode;
}

class ChunkErrorBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`Loopmap could not load ${this.props.label}`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { label, placement, onRetry } = this.props;
    return (
      <div className={`lazy-view lazy-view--${placement} lazy-view--failed`} role="alert">
        <span>Could not load {label}. Check the connection and try again.</span>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
}
