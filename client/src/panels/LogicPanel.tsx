import { useId, useMemo, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkMap, type Finding, type FindingTarget, type MapGraph } from '@loopmap/shared';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import {
  allClearChecks,
  findingDetail,
  findingMentions,
  findingTitle,
  groupFindings,
  severityLabel,
  summariseFindings,
  worstSeverity,
  type Mention,
} from './logicFindings.ts';
import './logicPanel.css';

export interface LogicPanelProps {
  graph: MapGraph;
  /** Selects what a finding is about (attached cards included: see canvasSelection). */
  onSelect: (targets: FindingTarget[]) => void;
  onClose: () => void;
}

/** Up and Down move between findings, Home and End to the first and last; Tab leaves the list. */
function moveBetweenFindings(event: KeyboardEvent<HTMLElement>): void {
  const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
  if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button.logic-finding'));
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  if (index < 0) return;
  event.preventDefault();
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : index + step;
  buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
}

function MentionLine({ mention }: { mention: Mention }) {
  const style = { '--kind-color': mention.kind ? KIND_COLORS[mention.kind] : 'var(--ink-3)' } as CSSProperties;
  return (
    <span className="logic-finding__mention" style={style}>
      <span className="logic-finding__kind">{mention.kindLabel}</span>
      <span className="logic-finding__title">{mention.title}</span>
      {mention.context ? <span className="logic-finding__context">{mention.context}</span> : null}
    </span>
  );
}

function FindingItem({
  graph,
  finding,
  onSelect,
}: {
  graph: MapGraph;
  finding: Finding;
  onSelect: LogicPanelProps['onSelect'];
}) {
  const { t } = useTranslation('outline');
  const detail = findingDetail(finding, t);
  if (finding.targets.length === 0) {
    // About the map as a whole: nothing to select.
    return (
      <div className="logic-finding logic-finding--static">
        <span className="logic-finding__title">{findingTitle(finding, t)}</span>
        {detail ? <span className="logic-finding__detail">{detail}</span> : null}
      </div>
    );
  }
  const { mentions, more } = findingMentions(graph, finding, t);
  return (
    <button
      type="button"
      className="logic-finding"
      title={t('logic.selectFinding', { finding: findingTitle(finding, t) })}
      onClick={() => onSelect(finding.targets)}
    >
      {mentions.map((mention, i) => (
        <MentionLine key={i} mention={mention} />
      ))}
      {more > 0 ? <span className="logic-finding__more">{t('logic.more', { count: more })}</span> : null}
      {detail ? <span className="logic-finding__detail">{detail}</span> : null}
    </button>
  );
}

/**
 * The logic check beside the canvas: what a practitioner would point at when reading the map
 * (outcomes nobody could measure, links nobody explained, assumptions at risk, loops, cards that
 * lead nowhere), grouped by kind of finding, most serious first. Each finding selects its cards.
 * Recomputed from the graph, which the map page rebuilds at most once a frame.
 */
export function LogicPanel({ graph, onSelect, onClose }: LogicPanelProps) {
  const { t } = useTranslation('outline');
  const titleId = useId();
  const findings = useMemo(() => checkMap(graph), [graph]);
  const groups = useMemo(() => groupFindings(findings, t), [findings, t]);
  const hasCards = graph.nodes.length > 0;
  const worst = worstSeverity(findings);

  return (
    <aside className="side-panel logic-panel" aria-labelledby={titleId}>
      <header className="side-panel__header">
        <h2 id={titleId} className="side-panel__title">
          {t('logic.title')}
        </h2>
        <button type="button" className="icon-button" aria-label={t('logic.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <p role="status" className="logic-panel__summary" data-worst={worst ?? 'none'}>
        {summariseFindings(findings, hasCards, t)}
      </p>
      <div className="logic-panel__scroll" onKeyDown={moveBetweenFindings}>
        {groups.length === 0 ? (
          <div className="logic-panel__clear">
            <p className="logic-panel__clear-lead">{hasCards ? t('logic.allClearLead') : t('logic.notYetLead')}</p>
            <ul className="logic-panel__checks">
              {allClearChecks(graph.meta.kind, t).map((check) => (
                <li key={check}>{check}</li>
              ))}
            </ul>
          </div>
        ) : (
          groups.map((group) => (
            <section
              key={group.code}
              className="logic-group"
              data-code={group.code}
              data-severity={group.severity}
              aria-labelledby={`${titleId}-${group.code}`}
            >
              <h3 id={`${titleId}-${group.code}`} className="logic-group__heading">
                <span className="logic-group__severity">{severityLabel(group.severity, t)}</span>
                <span className="logic-group__label">{group.label}</span>
                <span className="logic-group__count">
                  <span aria-hidden="true">{group.findings.length}</span>
                  <span className="visually-hidden">{t('logic.found', { count: group.findings.length })}</span>
                </span>
              </h3>
              <p className="logic-group__hint">{group.hint}</p>
              <ul className="logic-group__list">
                {group.findings.map((finding, i) => (
                  <li key={`${finding.targets.map((target) => target.id).join(',')}:${i}`}>
                    <FindingItem graph={graph} finding={finding} onSelect={onSelect} />
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </aside>
  );
}
