/**
 * The integrations cannot be configured: a variable missing or contradictory, or the sandbox's endpoints file not
 * there. Said once at start (instrumentation.ts logs it and keeps serving: steps then fail with this message).
 */
export class IntegrationConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntegrationConfigError";
  }
}

/** DR_TARGET=sandbox but no sandbox is running (its endpoints.json is missing): `npm start` starts one. */
export class SandboxEndpointsMissingError extends IntegrationConfigError {
  constructor(readonly file: string) {
    super(`The sandbox's endpoints file ${file} does not exist: start the sandbox (npm start, or npm run sandbox -- serve), or set DR_TARGET=cloud.`);
    this.name = "SandboxEndpointsMissingError";
  }
}
