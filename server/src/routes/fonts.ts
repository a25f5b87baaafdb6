import { Hono } from 'hono';
import { FONT_FILES, readFont, type FontName } from '../export/textEngine.ts';

/**
 * GET /fonts/<name>.ttf: the fonts pictures are drawn with, for the browser's export preview,
 * which renders with the same engine and fonts as the server. They ship with the install and do
 * not change between releases of their packages, so they are cached for a day.
 */
export function fontRoutes(): Hono {
  const app = new Hono();
  const cache = new Map<FontName, Uint8Array<ArrayBuffer>>();
  app.get('/:name', (c) => {
    const name = c.req.param('name');
    if (!Object.hasOwn(FONT_FILES, name)) {
      return c.json({ error: { code: 'not_found', message: `no font ${name.slice(0, 40)}` } }, 404);
    }
    let font = cache.get(name as FontName);
    if (!font) {
      font = new Uint8Array(readFont(name as FontName));
      cache.set(name as FontName, font);
    }
    return c.body(font, 200, {
      'Content-Type': 'font/ttf',
      'Cache-Control': 'public, max-age=86400',
    });
  });
  return app;
}
