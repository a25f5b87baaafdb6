import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorCode } from '@loopmap/shared';
import { errorBody } from './errors.ts';

/** What Node's HTTP parser refuses before the app sees a request, as status, code and message. */
function describe(code: string | undefined): [status: string, ApiErrorCode, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return ['431 Request Header Fields Too Large', 'payload_too_large', 'the request URL and headers are too long'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return ['413 Payload Too Large', 'payload_too_large', 'the request body’s chunk extensions are too long'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return ['408 Request Timeout', 'bad_request', 'the request took too long to arrive'];
    default:
      return ['400 Bad Request', 'bad_request', 'the request is not valid HTTP'];
  }
}

/**
 * Node answers requests its parser refuses (a URL or headers over 16 KiB, broken HTTP) with a
 * bare status line and no body. Answer them in the API's one error shape instead, so a client
 * always finds `{ error: { code, message } }`, as the app's own errors give.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset or half-written response has no one to answer: just let the socket go.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, code, message] = describe(error.code);
    const body = JSON.stringify(errorBody(code, message));
    socket.end(
      `HTTP/1.1 ${status}\r\n` +
        'Content-Type: application/json; charset=UTF-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
