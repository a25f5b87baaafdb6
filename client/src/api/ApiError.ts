/** A failed API call, with the server's error code and a message fit to show to the user. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** From Retry-After on a 429: seconds until another attempt may succeed. */
    readonly retryAfterSeconds: number | null = null,
    /**
     * The server's own message (English, as it wrote it), or null when the client wrote `message`
     * (no answer, or an answer without an error body). errorText shows it as detail.
     */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The session is gone (signed out elsewhere, expired, password changed): sign in again. */
  get isSessionEnded(): boolean {
    return this.status === 401 && this.code === 'unauthorized';
  }
}
