// One chunk per language: every namespace of the catalogue in es, loaded when es is chosen.
export default import.meta.glob<Record<string, unknown>>('../../../../shared/src/i18n/locales/es/*.json', {
  eager: true,
  import: 'default',
});
