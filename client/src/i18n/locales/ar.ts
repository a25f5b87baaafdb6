// One chunk per language: every namespace of the catalogue in ar, loaded when ar is chosen.
export default import.meta.glob<Record<string, unknown>>('../../../../shared/src/i18n/locales/ar/*.json', {
  eager: true,
  import: 'default',
});
