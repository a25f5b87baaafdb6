import { useEffect, useMemo, useSyncExternalStore, type RefObject } from 'react';
import { EXPORT_API, downloadFileName, type Translate } from '@loopmap/shared';
import { ChangeLegend } from '../canvas/ChangeLegend.tsx';
import { compareOverlay, describeCounts } from '../canvas/compareMarks.ts';
import { CompareList } from '../canvas/CompareList.tsx';
import { VersionCanvas, type VersionRevealer } from '../canvas/VersionCanvas.tsx';
import { VersionFlowStore } from '../canvas/VersionFlowStore.ts';
import { DownloadMenu } from '../panels/export/DownloadMenu.tsx';
import { ExportButton } from '../panels/export/ExportButton.tsx';
import { useMapPage, type VersionView } from './MapPageContext.ts';
import { VersionBar, metaOf } from './VersionBar.tsx';
import { ReplayStage } from './ReplayStage.tsx';
import type { Restored } from './RestoreNotice.tsx';
import { useComparison, useStateAt, type Loaded } from './useVersionData.ts';
import './versionStage.css';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

export type { VersionRevealer };

export interface VersionStageProps {
  version: Exclude<VersionView, { mode: 'live' }>;
  /** Filled with the version canvas's reveal, for the page's `reveal`. */
  revealer: RefObject<VersionRevealer | null>;
  showHealth: boolean;
  /** A replay point was restored: the page offers to undo it. */
  onRestored: (restored: Restored) => void;
}

function StageMessage({ loaded, loading }: { loaded: Loaded<unknown>; loading: string }) {
  if (loaded.status === 'error') {
    return (
      <p className="version-stage__message" role="alert">
        {loaded.message}
      </p>
    );
  }
  return (
    <p className="version-stage__message muted" role="status">
      {loading}
    </p>
  );
}

/** A version's title: its label when it already says it is a version, else "Version of …". */
const titleOf = (t: Translate, label: string): string =>
  label.toLocaleLowerCase().startsWith(t('history:version.word').toLocaleLowerCase())
    ? label
    : t('history:when.versionOf', { when: label });

/** A point the export route takes as `snapshot=` (other points, seqs and times, it does not). */
const isSnapshotId = (point: string): boolean => point.startsWith('snap_');

/** The change report between two points, as Word or Markdown. */
function changeReportChoices(t: Translate, mapId: string, mapTitle: string, from: string, to: string) {
  return [
    {
      label: t('history:version.reportDocx'),
      url: EXPORT_API.changes(mapId, from, to, 'docx'),
      fallbackName: downloadFileName(mapTitle, 'docx', 'changes'),
    },
    {
      label: t('history:version.reportMd'),
      url: EXPORT_API.changes(mapId, from, to, 'md'),
      fallbackName: downloadFileName(mapTitle, 'md', 'changes'),
    },
  ];
}

/** One version of the map, read-only. */
function VersionPane({ version, revealer, showHealth }: VersionStageProps & { version: { mode: 'version' } }) {
  const { mapId } = useMapPage();
  const t = useHistoryTranslate();
  const loaded = useStateAt(mapId, version.point, t('version.loadFailed'));
  const store = useMemo(() => new VersionFlowStore(), []);
  const map = loaded.status === 'ready' ? loaded.value.map : null;
  useEffect(() => {
    if (map) store.show(map);
  }, [store, map]);
  const title = t('version.readOnly', { title: titleOf(t, version.label) });
  return (
    <div className="version-stage">
      <VersionBar title={title}>
        {map && isSnapshotId(version.point) && (
          <ExportButton
            mapId={mapId}
            mapTitle={map.meta.title}
            version={{ snapshotId: version.point, label: titleOf(t, version.label) }}
          />
        )}
      </VersionBar>
      <div className="version-stage__body">
        {map ? (
          <VersionCanvas
            store={store}
            meta={metaOf(map.meta)}
            showHealth={showHealth}
            revealer={revealer}
            fitKey={version.point}
            label={title}
          />
        ) : (
          <StageMessage loaded={loaded} loading={t('version.loading')} />
        )}
      </div>
    </div>
  );
}

/** The later map with what changed since the earlier one marked, and the list of changes. */
function ComparePane({ version, revealer, showHealth }: VersionStageProps & { version: { mode: 'compare' } }) {
  const { mapId } = useMapPage();
  const t = useHistoryTranslate();
  const loaded = useComparison(mapId, version.from, version.to, t('compare.loadFailed'));
  const store = useMemo(() => new VersionFlowStore(), []);
  const value = loaded.status === 'ready' ? loaded.value : null;
  const overlay = useMemo(() => (value ? compareOverlay(value.later.map, value.diff.diff) : null), [value]);
  useEffect(() => {
    if (overlay) store.show(overlay.map, overlay.marks);
  }, [store, overlay]);
  const selected = useSyncExternalStore(store.subscribe, store.getSelected);

  const nodeById = useMemo(() => new Map((overlay?.map.nodes ?? []).map((node) => [node.id, node])), [overlay]);
  const cardName = (id: string): string => nodeById.get(id)?.label || t('compare.untitled');
  // Attached cards are not drawn: their host is revealed instead.
  const revealHidden = (id: string): void => {
    const host = nodeById.get(id)?.attachedTo;
    if (host) revealer.current?.reveal(host);
  };
  const select = (id: string): void => revealer.current?.reveal(id);

  const counts = value ? describeCounts(t, value.diff.diff.counts) : null;
  const title = t('compare.readOnly', { label: version.label });
  return (
    <div className="version-stage">
      <VersionBar title={title}>
        {counts && <p className="version-bar__counts">{counts}</p>}
        <ChangeLegend states={['added', 'removed', 'changed', 'moved']} />
        {value && (
          <DownloadMenu
            label={t('compare.downloadReport')}
            choices={changeReportChoices(t, mapId, value.later.map.meta.title, version.from, version.to)}
          />
        )}
      </VersionBar>
      <div className="version-stage__body version-stage__body--split">
        {overlay && value ? (
          <>
            <div className="version-stage__canvas">
              <VersionCanvas
                store={store}
                meta={metaOf(value.later.map.meta)}
                showHealth={showHealth}
                revealer={revealer}
                fitKey={`${version.from}→${version.to}`}
                label={t('compare.canvasLabel', { title })}
                onRevealHidden={revealHidden}
              />
            </div>
            <CompareList diff={value.diff.diff} cardName={cardName} selected={selected} onSelect={select} />
          </>
        ) : (
          <StageMessage loaded={loaded} loading={t('compare.loading')} />
        )}
      </div>
    </div>
  );
}

/**
 * What the canvas area shows instead of the live map: one version, a comparison, or the replay.
 * The live canvas stays mounted underneath (inert and hidden), so coming back is instant.
 */
export function VersionStage(props: VersionStageProps) {
  const { version } = props;
  if (version.mode === 'version') return <VersionPane {...props} version={version} />;
  if (version.mode === 'compare') return <ComparePane {...props} version={version} />;
  return <ReplayStage {...props} version={version} />;
}
