import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export interface SecurityHeaderOptions {
  /** Other origins the page may call and open sockets to (ALLOWED_ORIGINS, e.g. the Vite dev server). */
  allowedOrigins?: readonly string[];
  /** Pages that may show Loopmap in a frame (FRAME_ANCESTORS); none by default. */
  frameAncestors?: readonly string[];
  /** Trust X-Forwarded-Proto: behind a proxy that ends TLS, the request is https. */
  trustProxy?: boolean;
}

/** Six months: browsers keep to https for this long after one visit over https. */
const HSTS = 'max-age=15552000';

/** The WebSocket origin a page origin opens sockets to: http -> ws, https -> wss. */
function socketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/**
 * Security headers on every response: pages, assets, fonts and the API.
 * - Content-Security-Policy: scripts only from Loopmap itself, never inline, never eval; WebAssembly
 *   may compile (the export preview shapes text with HarfBuzz). Styles may be inline: React Flow
 *   positions every card and link with style attributes. Images from Loopmap, and blob:/data: for
 *   the export preview. No plugins, no <base>, forms post only to Loopmap, and no one frames it.
 * - X-Content-Type-Options: nosniff; Referrer-Policy: same-origin (invite links carry their
 *   token in the address: it never leaves for another site); Cross-Origin-Opener-Policy and
 *   -Resource-Policy: same-origin; a Permissions-Policy that turns off what a whiteboard never uses.
 * - Strict-Transport-Security only when the request came over https (directly, or through a
 *   trusted proxy's X-Forwarded-Proto): over plain http it would be ignored and mislead.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  const others = options.allowedOrigins ?? [];
  const frameAncestors = options.frameAncestors?.length ? [...options.frameAncestors] : ["'none'"];
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'blob:', 'data:'],
      fontSrc: ["'self'", 'data:'],
      // blob: lets the page read back what it made itself (an export preview it drew).
      connectSrc: ["'self'", 'blob:', ...others, ...others.map(socketOrigin)],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors,
    },
    xFrameOptions: frameAncestors[0] === "'none'" ? 'DENY' : false,
    referrerPolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    // Deprecated, and harmful where still honoured: CSP does its job.
    xXssProtection: '0',
    strictTransportSecurity: false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
  return async (c, next) => {
    await headers(c, next);
    const forwarded = options.trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
    const https = forwarded ? forwarded === 'https' : new URL(c.req.url).protocol === 'https:';
    if (https) c.res.headers.set('Strict-Transport-Security', HSTS);
  };
}
