// One chunk per language: every namespace of the catalogue in pt, loaded when pt is chosen.
export default import.meta.glob<Record<string, unknown>>('../../../../shared/src/i18n/locales/pt/*.json', {
  eager: true,
  import: 'default',
});
