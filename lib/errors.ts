/**
 * A refusal meant for the person who asked: its message is shown as it is.
 * Anything else thrown inside an action is logged and reported as a generic failure.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(what = "That item") {
    super(`${what} does not exist or you cannot see it.`);
    this.name = "NotFoundError";
  }
}
