// The one error a user is shown (issue 12): thrown by models and domain code,
// turned into a response in one place (app/errors.server.ts). Pure: no I/O.
import type { TranslationKey } from "~/i18n/keys.ts";

/** The HTTP statuses a refusal answers with. */
export type UserErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429;

/** Interpolation values for the message: names and numbers the user knows, never a database id. */
export type MessageParams = Record<string, string | number>;

/**
 * A refusal to show the user: its translation key (the same in every language),
 * the HTTP status to answer with, the form field it belongs to (if any) and the
 * values its message interpolates.
 */
export class UserError extends Error {
  readonly key: TranslationKey;
  readonly status: UserErrorStatus;
  readonly field: string | undefined;
  readonly params: MessageParams | undefined;

  constructor(key: TranslationKey, status: UserErrorStatus, options: { field?: string; params?: MessageParams } = {}) {
    super(key);
    this.name = "UserError";
    this.key = key;
    this.status = status;
    this.field = options.field;
    this.params = options.params;
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;
