import { IntegrationError } from "../../errors";
import { callWithRetries } from "../shared/call-with-retries";
import type { CallPolicy } from "../shared/call-policy";
import { networkFailureOf } from "../shared/network-failure";
import { parseRetryAfter, withRetryAfter } from "../shared/retry-after";
import { parseHealthJson, parseHealthText } from "./parse-health";
import type { HealthCheckResult, HealthPort, HealthReport } from "./port";

const SYSTEM = "health";

export interface FetchHealthAdapterOptions {
  policy: CallPolicy;
  /** Where a catalogue URL is actually reached: itself in the cloud, the sandbox's stand-in locally. */
  resolveUrl?: (url: string) => string;
}

interface Fetched {
  status: number;
  body: string;
  requestId?: string;
}

/**
 * The JSON form does not say which checks are optional. okcomputer answers 200 only when every required check passes,
 * so under a 200 a failed check is optional; under a 500 the text form (which marks "(OPTIONAL)") tells them apart.
 */
async function markOptional(checks: HealthCheckResult[], httpStatus: number, text: () => Promise<Fetched>): Promise<HealthCheckResult[]> {
  if (httpStatus === 200) return checks.map((c) => (c.passed ? c : { ...c, optional: true }));
  const fromText = parseHealthText((await text()).body);
  if (!fromText) return checks;
  const optional = new Set(fromText.filter((c) => c.optional).map((c) => c.name));
  return checks.map((c) => ({ ...c, optional: c.optional || optional.has(c.name) }));
}

/**
 * The services' okcomputer health pages through fetch: `<url>.json` first, the text page when the JSON form is not
 * there or not a report. An answer that is neither (an ingress 503 page while the app is down) is a failing report
 * with no checks, not an error. Only an unreachable page (no answer, 429, 502/504) is retried and then thrown.
 */
export function createFetchHealthAdapter(options: FetchHealthAdapterOptions): HealthPort {
  const resolve = options.resolveUrl ?? ((url: string) => url);

  const get = (url: string): Promise<Fetched> =>
    callWithRetries({
      policy: options.policy,
      safeToRepeat: true,
      call: async (signal) => {
        const response = await fetch(url, { signal, headers: { accept: url.endsWith(".json") ? "application/json" : "text/plain" }, redirect: "manual" });
        const body = await response.text();
        const requestId = response.headers.get("x-request-id") ?? undefined;
        if (response.status === 429 || response.status === 502 || response.status === 504) {
          throw withRetryAfter(
            new IntegrationError(SYSTEM, `The health page ${url} answered HTTP ${response.status}.`, { retryable: true, status: response.status, requestId }),
            parseRetryAfter(response.headers.get("retry-after")),
          );
        }
        return { status: response.status, body, requestId };
      },
      toIntegrationError: (error) => {
        if (error instanceof IntegrationError) return error;
        const network = networkFailureOf(error);
        return new IntegrationError(SYSTEM, `The health page ${url} could not be reached: ${network?.detail ?? (error instanceof Error ? error.message : String(error))}.`, { retryable: true });
      },
    });

  return {
    async checkHealth({ url }): Promise<HealthReport> {
      const page = resolve(url.replace(/\/$/, ""));
      const json = await get(`${page}.json`);
      let checks: HealthCheckResult[] | null = parseHealthJson(json.body);
      let httpStatus = json.status;
      if (!checks) {
        const text = await get(page);
        checks = parseHealthText(text.body);
        httpStatus = text.status;
      } else if (checks.some((c) => !c.passed)) {
        checks = await markOptional(checks, httpStatus, () => get(page));
      }
      const list = checks ?? [];
      return {
        url,
        httpStatus,
        checks: list,
        // okcomputer answers 200 only when every required check passes; both must agree.
        passed: list.length > 0 && httpStatus === 200 && list.every((c) => c.passed || c.optional),
        checkedAt: new Date().toISOString(),
      };
    },
  };
}
