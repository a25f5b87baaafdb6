import { useTranslation } from 'react-i18next';
import { type NodeFieldKey, type NodeFieldValue, type NodeFields } from '@loopmap/shared';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import { DateField } from './DateField.tsx';

import { StaticField } from './FieldRow.tsx';
import { NODE_FIELD_CONTROLS } from './nodeFieldControls.ts';
import { TextField } from './TextField.tsx';
import { dayText } from '../../app/dates.ts';
import { displayLocale } from './entryHistory.ts';
import { choiceLabel, choiceLabels, fieldLabel } from '../../i18n/domainText.ts';

export interface NodeFieldControlProps {
  fieldKey: NodeFieldKey;
  fields: NodeFields;
  /** Sets or clears (null) the field; false when the value was refused. */
  onChange: <K extends NodeFieldKey>(key: K, value: NodeFieldValue<K> | null) => boolean;
}

/** The control of one scalar field of a card, chosen from NODE_FIELD_CONTROLS. */
export function NodeFieldControl({ fieldKey, fields, onChange }: NodeFieldControlProps) {
  const { t } = useTranslation('panels');
  const control = NODE_FIELD_CONTROLS[fieldKey];
  const label = fieldLabel(fieldKey, t);
  const value = fields[fieldKey];
  // The model's values are typed per key; the controls speak strings, which the parsers check.
  const set = (next: string | null): boolean => onChange(fieldKey, next as NodeFieldValue<typeof fieldKey> | null);
  switch (control.type) {
    case 'choice':
      return (
        <ChoiceSelect
          label={label}
          value={value}
          options={control.options}
          labels={choiceLabels(fieldKey, control.options, t)}
          onChange={set}
        />
      );
    case 'date':
      return <DateField label={label} value={value} onChange={set} />;
    case 'url':
      return <TextField label={label} value={value ?? ''} maxLength={2000} url onChange={set} />;
    case 'text':
      return (
        <TextField
          label={label}
          value={value ?? ''}
          maxLength={control.maxLength}
          placeholder={control.placeholder ? t(`fields.placeholder.${fieldKey}`) : undefined}
          onChange={set}
        />
      );
  }
}

/** The same field as text (read-only members), inside a <dl>. */
export function StaticNodeField({ fieldKey, fields }: { fieldKey: NodeFieldKey; fields: NodeFields }) {
  const { t } = useTranslation('panels');
  const control = NODE_FIELD_CONTROLS[fieldKey];
  const value = fields[fieldKey];
  const label = fieldLabel(fieldKey, t);
  if (value === null || value === '') return <StaticField label={label} value={null} />;
  switch (control.type) {
    case 'choice':
      return <StaticField label={label} value={choiceLabel(fieldKey, value, t) ?? value} />;
    case 'date':
      return <StaticField label={label} value={dayText(value, displayLocale())} />;
    case 'url':
      return (
        <StaticField
          label={label}
          value={
            <a href={value} target="_blank" rel="noopener noreferrer">
              {value}
            </a>
          }
        />
      );
    case 'text':
      return <StaticField label={label} value={value} />;
  }
}
