import { useEffect, useMemo, useSyncExternalStore, type RefObject } from 'react';
import { EXPORT_API, downloadFileName } from '@loopmap/shared';
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

export type { VersionRevealer };

export interface VersionStageProps {
  version: Exclude<VersionView, { mode: 'live' }>;
  /** Filled with the version canvas's reveal, for the page's `reveal`. */
  revealer: RefObject<VersionRevealer | null>;
  showHealth: boolean;
  /** A replay point was restored: the page offers to undo it. */
  onRestored: (restored: Restored) => void;
}

function StageMessage({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  if (loaded.status === 'error') {
    return (
      <p className="version-stage__message" role="alert">
        {loaded.message}
      </p>
    );
  }
  return (
    <p className="version-stage__message muted" role="status">
      Loading {what}…
    </p>
  );
}

const titleOf = (label: string): string => (/^version/i.test(label) ? label : `Version of ${label}`);

/** A point the export route takes as `snapshot=` (other points, seqs and times, it does not). */
const isSnapshotId = (point: string): boolean => point.startsWith('snap_');

/** The change report between two points, as Word or Markdown. */
function changeReportChoices(mapId: string, mapTitle: string, from: string, to: string) {
  return [
    {
      label: 'Word document (.docx)',
      url: EXPORT_API.changes(mapId, from, to, 'docx'),
      fallbackName: downloadFileName(mapTitle, 'docx', 'changes'),
    },
    {
      label: 'Markdown (.md)',
      url: EXPORT_API.changes(mapId, from, to, 'md'),
      fallbackName: downloadFileName(mapTitle, 'md', 'changes'),
    },
  ];
}

/** One version of the map, read-only. */
function VersionPane({ version, revealer, showHealth }: VersionStageProps & { version: { mode: 'version' } }) {
  const { mapId } = useMapPage();
  const loaded = useStateAt(mapId, version.point);
  const store = useMemo(() => new VersionFlowStore(), []);
  const map = loaded.status === 'ready' ? loaded.value.map : null;
  useEffect(() => {
    if (map) store.show(map);
  }, [store, map]);
  const title = `${titleOf(version.label)} — read-only`;
  return (
    <div className="version-stage">
      <VersionBar title={title}>
        {map && isSnapshotId(version.point) && (
          <ExportButton
            mapId={mapId}
            mapTitle={map.meta.title}
            version={{ snapshotId: version.point, label: titleOf(version.label) }}
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
          <StageMessage loaded={loaded} what="this version" />
        )}
      </div>
    </div>
  );
}

/** The later map with what changed since the earlier one marked, and the list of changes. */
function ComparePane({ version, revealer, showHealth }: VersionStageProps & { version: { mode: 'compare' } }) {
  const { mapId } = useMapPage();
  const loaded = useComparison(mapId, version.from, version.to);
  const store = useMemo(() => new VersionFlowStore(), []);
  const value = loaded.status === 'ready' ? loaded.value : null;
  const overlay = useMemo(() => (value ? compareOverlay(value.later.map, value.diff.diff) : null), [value]);
  useEffect(() => {
    if (overlay) store.show(overlay.map, overlay.marks);
  }, [store, overlay]);
  const selected = useSyncExternalStore(store.subscribe, store.getSelected);

  const nodeById = useMemo(() => new Map((overlay?.map.nodes ?? []).map((node) => [node.id, node])), [overlay]);
  const cardName = (id: string): string => nodeById.get(id)?.label || 'Untitled';
  // Attached cards are not drawn: their host is revealed instead.
  const revealHidden = (id: string): void => {
    const host = nodeById.get(id)?.attachedTo;
    if (host) revealer.current?.reveal(host);
  };
  const select = (id: string): void => revealer.current?.reveal(id);

  const counts = value ? describeCounts(value.diff.diff.counts) : null;
  const title = `Compare: ${version.label} — read-only`;
  return (
    <div className="version-stage">
      <VersionBar title={title}>
        {counts && <p className="version-bar__counts">{counts}</p>}
        <ChangeLegend states={['added', 'removed', 'changed', 'moved']} />
        {value && (
          <DownloadMenu
            label="Download change report"
            choices={changeReportChoices(mapId, value.later.map.meta.title, version.from, version.to)}
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
                label={`${title}: the later version, with the changes marked`}
                onRevealHidden={revealHidden}
              />
            </div>
            <CompareList diff={value.diff.diff} cardName={cardName} selected={selected} onSelect={select} />
          </>
        ) : (
          <StageMessage loaded={loaded} what="the comparison" />
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
