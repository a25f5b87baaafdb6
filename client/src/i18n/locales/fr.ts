// One chunk per language: every namespace of the catalogue in fr, loaded when fr is chosen.
export default import.meta.glob<Record<string, unknown>>('../../../../shared/src/i18n/locales/fr/*.json', {
  eager: true,
  import: 'default',
});
