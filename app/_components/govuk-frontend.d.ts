// GOV.UK Frontend ships no type declarations: the one function this console calls.
declare module "govuk-frontend" {
  export function initAll(config?: Record<string, unknown>): void;
}
