import { Component, lazy, Suspense, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Namespace } from '@loopmap/shared';
import { i18next } from '../i18n/i18n.ts';
import './lazyView.css';

/**
 * Where a lazily loaded view sits, for its loading and error states: a whole page, a side panel,
 * a view over the canvas, or a dialog (shown over the page while its code loads).
 */
export type LazyPlacement = 'page' | 'panel' | 'stage' | 'dialog';

/** The views that load when used, named in the catalogue under `common:lazy.view.<name>`. */
export type LazyViewName =
  | 'account'
  | 'card'
  | 'checks'
  | 'comments'
  | 'digest'
  | 'export'
  | 'gone'
  | 'history'
  | 'invitation'
  | 'link'
  | 'maps'
  | 'outline'
  | 'presentation'
  | 'reviews'
  | 'sessionEnded'
  | 'share'
  | 'signIn'
  | 'signUp'
  | 'version';

export interface LazyViewOptions {
  /** What is loading, as the user would name it ("the history", in their language). */
  label: LazyViewName;
  placement: LazyPlacement;
  /** Catalogue namespaces the view reads that the first load does not have: fetched with its code. */
  namespaces?: Namespace[];
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
  { label, placement, namespaces = [] }: LazyViewOptions,
): LazyView<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => {
    // Its words arrive with its code, so the view never shows a key while its namespace loads.
    loading ??= Promise.all([load(), namespaces.length > 0 ? i18next.loadNamespaces(namespaces) : null])
      .then(([component]) => component)
      .catch((error: unknown) => {
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

function ChunkLoading({ label, placement }: { label: LazyViewName; placement: LazyPlacement }) {
  const { t } = useTranslation('common');
  return (
    <div className={`lazy-view lazy-view--${placement}`} role="status" aria-live="polite" aria-busy="true">
      <span className="lazy-view__spinner" aria-hidden="true" />
      <span>{t('lazy.loading', { what: t(`lazy.view.${label}`) })}</span>
    </div>
  );
}

function ChunkFailed({ label, placement, onRetry }: Omit<BoundaryProps, 'children'>) {
  const { t } = useTranslation('common');
  return (
    <div className={`lazy-view lazy-view--${placement} lazy-view--failed`} role="alert">
      <span>{t('lazy.failed', { what: t(`lazy.view.${label}`) })}</span>
      <button type="button" className="button" onClick={onRetry}>
        {t('lazy.retry')}
      </button>
    </div>
  );
}

interface BoundaryProps {
  label: LazyViewName;
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
    return <ChunkFailed label={label} placement={placement} onRetry={onRetry} />;
  }
}
