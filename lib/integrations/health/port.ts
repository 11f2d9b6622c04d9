/**
 * The services' health endpoints (okcomputer): `GET <url>.json`, the text form as fallback (real adapter: fetch).
 */

export interface HealthCheckResult {
  name: string;
  passed: boolean;
  message: string;
  /** okcomputer's "(OPTIONAL)" checks do not decide the overall result. */
  optional: boolean;
  timeSeconds?: number;
}

export interface HealthReport {
  url: string;
  httpStatus: number;
  checks: HealthCheckResult[];
  /** Every non-optional check passed. */
  passed: boolean;
  checkedAt: string;
}

export interface HealthPort {
  /** `url` is the catalogue's `/health/all` page of one service. Unreachable: throws IntegrationError (retryable). */
  checkHealth(options: { url: string }): Promise<HealthReport>;
}
