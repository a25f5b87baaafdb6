import { EXPORT_API, downloadFileName } from '@loopmap/shared';
import { withLanguage } from '../../api/exportsApi.ts';
import { i18next } from '../../i18n/i18n.ts';
import type { DownloadChoice } from './DownloadMenu.tsx';

/**
 * A review as a shareable document, Word or Markdown. `named`: the review's title in the labels,
 * where a page offers several reviews (the shared-forward digest). The documents are written in
 * the interface's language.
 */
export function reviewDownloadChoices(
  mapId: string,
  review: { id: string; title: string },
  named = false,
): DownloadChoice[] {
  const t = i18next.getFixedT(null, 'exports');
  const title = review.title;
  return [
    {
      label: named ? t('reviewDownload.wordNamed', { title }) : t('reviewDownload.word'),
      url: withLanguage(EXPORT_API.review(mapId, review.id, 'docx')),
      fallbackName: downloadFileName(review.title, 'docx'),
    },
    {
      label: named ? t('reviewDownload.markdownNamed', { title }) : t('reviewDownload.markdown'),
      url: withLanguage(EXPORT_API.review(mapId, review.id, 'md')),
      fallbackName: downloadFileName(review.title, 'md'),
    },
  ];
}
