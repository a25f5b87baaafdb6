import { describe, expect, it } from 'vitest';
import { acceptLanguageTags, pickLanguage } from '@loopmap/shared';
import { requestLanguage, translatorFor } from '../src/i18n.ts';

describe('the server picks a language', () => {
  it('orders Accept-Language by quality and matches base languages', () => {
    expect(acceptLanguageTags('en;q=0.5, fr-CH, pt-BR;q=0.8, *;q=0.1')).toEqual(['fr-CH', 'pt-BR', 'en']);
    expect(pickLanguage(['de-DE', 'pt-BR', 'en'])).toBe('pt');
    expect(pickLanguage(['de'])).toBe('en');
  });

  it('prefers ?lang=, then the account, then the browser', () => {
    expect(requestLanguage('ar', 'fr', 'es')).toBe('ar');
    expect(requestLanguage('xx', 'fr', 'es')).toBe('fr');
    expect(requestLanguage(undefined, null, 'es-MX,es;q=0.9')).toBe('es');
    expect(requestLanguage(undefined, null, undefined)).toBe('en');
  });

  it('translates from the shared catalogue, falling back to English', () => {
    expect(translatorFor('fr')('notFound.title')).toBe('Page introuvable');
    expect(translatorFor('ar', 'common')('common:notFound.title')).toBe('الصفحة غير موجودة');
  });
});
