import { NotFoundError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the text is a UUID, as every id of the console is. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A malformed id cannot name anything: answer "not found" rather than let the database reject it. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw new NotFoundError(`There is no ${what} ${JSON.stringify(id.slice(0, 80))}.`);
}
