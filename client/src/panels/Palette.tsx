import type { CSSProperties, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_KINDS, type MapKind, type NodeKind } from '@loopmap/shared';
import { KindIcon } from '../app/KindIcon.tsx';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { kindHint, kindLabel } from '../i18n/domainText.ts';

const PARTNERSHIP_FIRST: readonly NodeKind[] = ['actor', 'lesson', 'risk', 'group', 'note'];

/** The kinds in the order a map of this kind reaches for them first. */
export function paletteOrder(mapKind: MapKind): NodeKind[] {
  if (mapKind !== 'partnership') return [...NODE_KINDS];
  return [...PARTNERSHIP_FIRST, ...NODE_KINDS.filter((kind) => !PARTNERSHIP_FIRST.includes(kind))];
}

function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
  if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? buttons.length - 1
        : (index + step + buttons.length) % buttons.length;
  event.preventDefault();
  buttons[next]?.focus();
}

export interface PaletteProps {
  mapKind: MapKind;
  onAdd: (kind: NodeKind) => void;
}

/** Buttons that add a card of each kind at the centre of the view. */
export function Palette({ mapKind, onAdd }: PaletteProps) {
  const { t } = useTranslation('panels');
  return (
    <div
      className="palette"
      role="toolbar"
      aria-label={t('palette.label')}
      aria-orientation="vertical"
      onKeyDown={moveFocus}
    >
      <span className="palette__title" aria-hidden="true">
        {t('palette.title')}
      </span>
      {paletteOrder(mapKind).map((kind) => (
        <button
          key={kind}
          type="button"
          className="palette__button"
          aria-label={t('palette.add', { kind: kindLabel(kind, t) })}
          title={`${kindLabel(kind, t)}: ${kindHint(kind, t)}`}
          style={{ '--kind-color': KIND_COLORS[kind] } as CSSProperties}
          onClick={() => onAdd(kind)}
        >
          <span className="palette__swatch" aria-hidden="true">
            <KindIcon kind={kind} size={12} />
          </span>
          <span className="palette__label">{kindLabel(kind, t)}</span>
        </button>
      ))}
    </div>
  );
}
