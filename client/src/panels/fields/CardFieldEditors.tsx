import {
  CAPABILITY_KINDS,
  FIELDS_BY_KIND,
  FIVE_CAPABILITIES,
  type NodeFieldKey,
  type NodeFieldValue,
  type NodeView,
} from '@loopmap/shared';
import { useTranslation } from 'react-i18next';
import type { MapEditor } from '../../collab/MapEditor.ts';
import { capabilityLabel, capabilityShortLabel, labelsOf } from '../../i18n/domainText.ts';
import { ChipToggles } from './ChipToggles.tsx';
import { NarrativeEditor } from './NarrativeEditor.tsx';
import { NodeFieldControl } from './NodeFieldControl.tsx';
import { RagStatusControl } from './SegmentedControl.tsx';
import { TagEditor } from './TagEditor.tsx';

export interface CardFieldEditorsProps {
  node: NodeView;
  editor: MapEditor;
  /** Height of the narrative field, in rows (the outline's is shorter). */
  narrativeRows?: number;
}

/**
 * What a card says about itself, as editors: its status, the fields of its kind, the five
 * capability tags where the kind carries them, its tags and its narrative. One component for the
 * inspector and the outline, so both offer exactly the same fields.
 */
export function CardFieldEditors({ node, editor, narrativeRows }: CardFieldEditorsProps) {
  const { t } = useTranslation('panels');
  const setField = <K extends NodeFieldKey>(key: K, value: NodeFieldValue<K> | null): boolean =>
    editor.setCardField(node.id, key, value);
  return (
    <>
      <RagStatusControl value={node.fields.status} onChange={(next) => setField('status', next)} />
      {FIELDS_BY_KIND[node.kind].map((key) => (
        <NodeFieldControl key={key} fieldKey={key} fields={node.fields} onChange={setField} />
      ))}
      {CAPABILITY_KINDS.includes(node.kind) && (
        <ChipToggles
          label={t('fields.capabilities')}
          options={FIVE_CAPABILITIES}
          labels={labelsOf(FIVE_CAPABILITIES, capabilityShortLabel, t)}
          names={labelsOf(FIVE_CAPABILITIES, capabilityLabel, t)}
          value={node.capabilities}
          onToggle={(tag, on) => editor.setCapability(node.id, tag, on)}
        />
      )}
      <TagEditor
        tags={node.tags}
        onAdd={(tag) => editor.addTag(node.id, tag)}
        onRemove={(tag) => editor.removeTag(node.id, tag)}
      />
      <NarrativeEditor
        rows={narrativeRows}
        value={node.narrative}
        onInput={(next) => editor.setCardNarrative(node.id, next)}
      />
    </>
  );
}
