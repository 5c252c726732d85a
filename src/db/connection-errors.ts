/*
 * Errors that mean "the database cannot be reached right now", as opposed to "this statement
 * is wrong": the first answers 503 and is retried by the client, the second is a bug or bad input.
 */

/** Socket errors from connecting to (or losing) the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs: 08 connection exception; 53 insufficient resources (too many connections, out of
 * memory, disk full); 57P01-57P03 the server is shutting down, crashed, or is starting up.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[123])$/;

/** What pg and pg-pool throw when a connection breaks or cannot be had in time. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|Connection ended unexpectedly)/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, errors, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  // Connecting to a name with several addresses fails with an AggregateError of each attempt.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** Seconds a client should wait before trying again; the supervisor's first restart comes well within it. */
export const RETRY_AFTER_SECONDS = 5;
