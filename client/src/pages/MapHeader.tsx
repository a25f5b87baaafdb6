import { useTranslation } from 'react-i18next';
import type { MapKind, Role } from '@loopmap/shared';
import { mapKindLabel } from '../i18n/domainText.ts';
import { BackIcon, EyeIcon, FitIcon, PresentIcon, RedoIcon, ReplayIcon, ShareIcon, UndoIcon } from '../app/icons.tsx';
import { Link } from '../app/Link.tsx';
import type { PresenceUser } from '../collab/presence.ts';
import type { SaveSnapshot, SyncStatus } from '../collab/SaveTracker.ts';
import type { UndoRedo } from '../collab/useUndoRedo.ts';
import { AccountMenu } from '../panels/AccountMenu.tsx';
import { ExportButton } from '../panels/export/ExportButton.tsx';
import { PresenceAvatars } from '../panels/PresenceAvatars.tsx';
import { SyncStatusPill } from '../panels/SyncStatusPill.tsx';
import { EditableTitle } from './EditableTitle.tsx';
import { useMapPage } from './MapPageContext.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export interface MapHeaderProps {
  title: string;
  kind: MapKind;
  status: SyncStatus;
  /** A large upload in slices under way (SaveSnapshot.upload). */
  upload?: SaveSnapshot['upload'];
  self: PresenceUser;
  undoRedo: UndoRedo;
  /** Viewers and commenters: a "View only" badge (while a version is shown, editing stops too). */
  roleReadOnly: boolean;
  onRename: (title: string) => Promise<void>;
  onFitView: () => void;
  /** Starts presenting the map; absent while a version is shown (the live map is what is presented). */
  onPresent?: () => void;
  /** Opens the share dialog; absent while the role is unknown (offline). */
  onShare?: () => void;
}

/** Tells a viewer or commenter, next to the title, why nothing here responds to editing. */
function ViewOnlyBadge({ role }: { role: Role | null }) {
  const { t } = useTranslation('map');
  const explanation = t(`header.viewOnlyWhy.${role ?? 'you'}`);
  return (
    <p className="view-only" data-testid="view-only" title={explanation}>
      <span className="view-only__badge">
        <EyeIcon size={15} />
        {t('header.viewOnly')}
      </span>
      <span className="view-only__text">{explanation}</span>
    </p>
  );
}

/** The map page's bar: where you are, whether it is saved, who is here, and map-wide actions. */
export function MapHeader(props: MapHeaderProps) {
  const { title, kind, status, self, undoRedo, roleReadOnly } = props;
  const { mapId, role, readOnly, session, version, showVersion } = useMapPage();
  const replaying = version.mode === 'replay';
  const { t } = useTranslation('map');
  return (
    <header className="map-header">
      <div className="map-header__start">
        <Link to="/" className="icon-button map-header__back" aria-label={t('header.back')} title={t('header.allMaps')}>
          <BackIcon />
        </Link>
        {readOnly ? (
          <h1 className="map-header__title map-header__title--static" title={title}>
            <span className="visually-hidden">{t('header.mapTitleIs')} </span>
            {title}
          </h1>
        ) : (
          <EditableTitle
            title={title}
            label={t('header.mapTitle')}
            className="map-header__title"
            onSave={props.onRename}
          />
        )}
        <span className={`kind-tag kind-tag--${kind}`}>{mapKindLabel(kind, t)}</span>
        {roleReadOnly && <ViewOnlyBadge role={role} />}
        <SyncStatusPill status={status} readOnly={roleReadOnly} upload={props.upload} />
      </div>
      <div className="map-header__end">
        <PresenceAvatars awareness={session.awareness} self={self} />
        {!readOnly && (
          <div className="toolbar-group" role="group" aria-label={t('header.history')}>
            <button
              type="button"
              className="icon-button"
              aria-label={t('header.undo')}
              title={t('header.undoTitle', { keys: `${MOD}Z` })}
              aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
              disabled={!undoRedo.canUndo}
              onClick={undoRedo.undo}
            >
              <UndoIcon />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('header.redo')}
              title={t('header.redoTitle', { keys: isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z' })}
              aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
              disabled={!undoRedo.canRedo}
              onClick={undoRedo.redo}
            >
              <RedoIcon />
            </button>
          </div>
        )}
        <button
          type="button"
          className={`button button--quiet${replaying ? ' button--on' : ''}`}
          aria-pressed={replaying}
          title={replaying ? t('header.replayBack') : t('header.replayTitle')}
          onClick={() => showVersion(replaying ? { mode: 'live' } : { mode: 'replay' })}
        >
          <ReplayIcon size={16} />
          <span className="map-header__label">{t('header.replay')}</span>
        </button>
        <button
          type="button"
          className="button button--quiet"
          data-present
          title={t('header.presentTitle')}
          aria-keyshortcuts="Shift+P"
          disabled={!props.onPresent}
          onClick={props.onPresent}
        >
          <PresentIcon size={16} />
          <span className="map-header__label">{t('header.present')}</span>
        </button>
        <div className="toolbar-group" role="group" aria-label={t('header.view')}>
          <button
            type="button"
            className="icon-button"
            aria-label={t('header.fit')}
            title={t('header.fitTitle')}
            onClick={props.onFitView}
          >
            <FitIcon />
          </button>
        </div>
        <div className="toolbar-group toolbar-group--actions">
          <ExportButton mapId={mapId} mapTitle={title} />
          <button
            type="button"
            className="button button--primary"
            onClick={props.onShare}
            disabled={!props.onShare}
            aria-haspopup="dialog"
          >
            <ShareIcon size={16} />
            {t('header.share')}
          </button>
        </div>
        <AccountMenu />
      </div>
    </header>
  );
}
