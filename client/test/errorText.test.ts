import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/ApiError.ts';
import { closeText, errorText } from '../src/api/errorText.ts';
import { i18next, setUpLanguage, switchLanguage } from '../src/i18n/i18n.ts';

/** A server error as request.ts makes it: the sentence, and the server's own message as detail. */
const server = (status: number, code: string, message: string): ApiError =>
  new ApiError(`${message[0]!.toUpperCase()}${message.slice(1)}.`, status, code, null, message);

describe('errorText: errors in the reader’s language', () => {
  beforeAll(() => setUpLanguage('fr'));
  afterAll(() => switchLanguage('en', { remember: false }));

  it('words a server error by its code, with the server’s message as detail where it says more', () => {
    const t = i18next.t;
    expect(errorText(server(400, 'validation_failed', 'title: too long'), t)).toBe(
      'Une partie de ce qui a été envoyé n’est pas valide. (title: too long)',
    );
    expect(errorText(server(401, 'invalid_credentials', 'wrong email or password'), t)).toBe(
      'L’adresse e-mail ou le mot de passe est incorrect.',
    );
    expect(errorText(server(409, 'email_taken', 'an account with that email already exists; sign in instead'), t)).toBe(
      'Un compte existe déjà avec cette adresse e-mail ; connectez-vous plutôt.',
    );
  });

  it('words failures without a server error body, and unknown codes by the fallback', () => {
    const t = i18next.t;
    expect(errorText(new ApiError('Cannot reach the Loopmap server.', 0, 'network'), t)).toBe(
      'Impossible de joindre le serveur Loopmap. Vérifiez votre connexion et réessayez.',
    );
    expect(errorText(new ApiError('The server had a problem.', 502, 'internal'), t)).toBe(
      'Le serveur a rencontré un problème. Réessayez dans un instant.',
    );
    expect(errorText(new ApiError('Request failed (404).', 404, 'bad_request'), t)).toBe('La demande a échoué (404).');
    expect(errorText(server(418, 'teapot', 'short and stout'), t, 'Repli.')).toBe('Repli.');
    expect(errorText(new TypeError('x is undefined'), t)).toBe('Une erreur s’est produite.');
  });

  it('words WebSocket closes by their code, the generic refusal for others', () => {
    const t = i18next.t;
    expect(closeText(4404, '', t)).toBe('Cette carte n’existe plus sur le serveur.');
    expect(closeText(4413, 'a field is over 10,000 characters', t)).toContain('(a field is over 10,000 characters)');
    expect(closeText(4999, 'odd', t)).toBe(
      'Le serveur a refusé un message de cet onglet. Vos modifications sont conservées sur cet appareil.',
    );
  });

  it('keeps the server’s own sentence in English (as before the catalogue)', async () => {
    await switchLanguage('en', { remember: false });
    const t = i18next.t;
    expect(errorText(server(401, 'invalid_credentials', 'wrong email or password'), t)).toBe(
      'Wrong email or password.',
    );
    expect(closeText(4404, '', t)).toBe('This map no longer exists on the server.');
    await switchLanguage('fr', { remember: false });
  });
});
