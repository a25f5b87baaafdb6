// The core of the catalogue in pt (what the map page needs): one chunk, fetched at start-up when
// pt is the language in use. The other namespaces load on first use (see ../i18n.ts).
export default import.meta.glob<Record<string, unknown>>(
  '../../../../shared/src/i18n/locales/pt/{common,errors,domain,map,canvas,panels,outline,collab}.json',
  { eager: true, import: 'default' },
);
