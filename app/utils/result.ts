/**
 * The answer of a model change a form can show: `ok`, or the field the refusal
 * belongs to with a Swedish message (and the HTTP status when it is not 400).
 */
export type Failure = { ok: false; field: string; message: string; status?: number };

export type Result<T = unknown> = ({ ok: true } & T) | Failure;

export function fail(field: string, message: string, status?: number): Failure {
  return status === undefined ? { ok: false, field, message } : { ok: false, field, message, status };
}

/** Thrown inside a transaction to roll it back with a message for the form (see refusable). */
export class Refusal extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Runs a change and answers a Refusal thrown in it with its Failure; other errors pass. */
export async function refusable<T>(work: () => Promise<T>): Promise<T | Failure> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return fail(error.field, error.message, error.status);
    throw error;
  }
}
