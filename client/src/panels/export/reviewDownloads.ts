import { EXPORT_API, downloadFileName } from '@loopmap/shared';
import type { DownloadChoice } from './DownloadMenu.tsx';

/**
 * A review as a shareable document, Word or Markdown. `named`: the review's title in the labels,
 * where a page offers several reviews (the shared-forward digest).
 */
export function reviewDownloadChoices(
  mapId: string,
  review: { id: string; title: string },
  named = false,
): DownloadChoice[] {
  const of = named ? ` “${review.title}”` : '';
  return [
    {
      label: `${named ? 'Word:' : 'Word document (.docx)'}${of}`,
      url: EXPORT_API.review(mapId, review.id, 'docx'),
      fallbackName: downloadFileName(review.title, 'docx'),
    },
    {
      label: `${named ? 'Markdown:' : 'Markdown (.md)'}${of}`,
      url: EXPORT_API.review(mapId, review.id, 'md'),
      fallbackName: downloadFileName(review.title, 'md'),
    },
  ];
}
