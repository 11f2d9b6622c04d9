/** Defined with the other expected errors (lib/errors.ts maps it to 401); kept here for the imports that use this path. */
export { NotSignedInError } from "../errors";
