import { getService } from "../catalogue/catalogue";
import { ExpectedError } from "../errors";
import type { HealthPort } from "../integrations/health/port";
import { describeInstant } from "../time/describe-instant";

export type ServiceHealthState = "passing" | "failing" | "unreachable" | "not-available";

export interface ServiceHealthView {
  key: string;
  shortName: string;
  url: string;
  state: ServiceHealthState;
  /** One line: which checks failed, or why it could not be checked. */
  summary: string;
}

export interface EnvironmentsHealthView {
  /** False when the console has no health port: every service reads "not available". */
  available: boolean;
  checkedAt: string;
  checkedAtText: string;
  environments: { key: string; label: string; production: boolean; services: ServiceHealthView[] }[];
}

/**
 * Each environment's AYTQ and CTR health (the okcomputer /health/all pages), through the health port, all at once
 * with a time limit each. Without a port the dashboard says plainly that health is not available.
 */
export async function checkEnvironmentsHealth(options: { serviceKey: string; port: HealthPort | null; timeoutMs?: number; unavailableReason?: string }): Promise<EnvironmentsHealthView> {
  const service = getService(options.serviceKey);
  const now = new Date();
  const timeoutMs = options.timeoutMs ?? 5000;
  const environments = await Promise.all(
    service.environments.map(async (environment) => ({
      key: environment.key,
      label: environment.label,
      production: environment.production,
      services: await Promise.all(
        service.services.map(async (s): Promise<ServiceHealthView> => {
          const url = environment.health[s.key] ?? "";
          const base = { key: s.key, shortName: s.shortName, url };
          if (!options.port) return { ...base, state: "not-available", summary: options.unavailableReason ?? "Not available: the console is not connected to the health checks." };
          return { ...base, ...(await checkOne(options.port, url, timeoutMs)) };
        }),
      ),
    })),
  );
  return { available: options.port !== null, checkedAt: now.toISOString(), checkedAtText: describeInstant({ instant: now }).text, environments };
}

async function checkOne(port: HealthPort, url: string, timeoutMs: number): Promise<{ state: ServiceHealthState; summary: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const report = await Promise.race([
      port.checkHealth({ url }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    if (report.passed) return { state: "passing", summary: `All ${report.checks.filter((c) => !c.optional).length} required checks pass.` };
    const failed = report.checks.filter((c) => !c.passed && !c.optional).map((c) => `${c.name}: ${c.message}`);
    return { state: "failing", summary: failed.length ? `Failing: ${failed.join("; ")}` : `HTTP ${report.httpStatus}` };
  } catch (error) {
    const reason = error instanceof ExpectedError || error instanceof Error ? error.message : String(error);
    return { state: "unreachable", summary: `Could not be checked: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}
