import { describe, expect, it } from "vitest";
import { IntegrationError } from "../../errors";
import { callWithRetries } from "./call-with-retries";
import { networkFailureOf } from "./network-failure";
import { parseRetryAfter, withRetryAfter } from "./retry-after";

const policy = { timeoutMs: 200, maxRetries: 3, retryDelayMs: 10, maxRetryDelayMs: 2_000 };
const toError = (error: unknown) =>
  error instanceof IntegrationError ? error : new IntegrationError("x", networkFailureOf(error)?.detail ?? String(error), { retryable: networkFailureOf(error) !== null });

describe("calls with a time limit and retries", () => {
  it("retries a retryable failure of a call that is safe to repeat, and waits the Retry-After it was given", async () => {
    let tries = 0;
    const started = Date.now();
    const value = await callWithRetries({
      policy,
      safeToRepeat: true,
      call: async () => {
        tries += 1;
        if (tries < 3) throw withRetryAfter(new IntegrationError("x", "429", { retryable: true, status: 429 }), 300);
        return "ok";
      },
      toIntegrationError: toError,
    });
    expect(value).toBe("ok");
    expect(tries).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it("never repeats a call that is not safe to repeat, nor a refusal", async () => {
    let tries = 0;
    const call = async () => {
      tries += 1;
      throw new IntegrationError("x", "boom", { retryable: true });
    };
    await expect(callWithRetries({ policy, safeToRepeat: false, call, toIntegrationError: toError })).rejects.toThrow("boom");
    expect(tries).toBe(1);
    tries = 0;
    await expect(callWithRetries({ policy, safeToRepeat: true, call: async () => { tries += 1; throw new IntegrationError("x", "no", { status: 403 }); }, toIntegrationError: toError })).rejects.toThrow("no");
    expect(tries).toBe(1);
  });

  it("ends a try at the time limit and reports it as no answer (retryable), after its retries", async () => {
    let tries = 0;
    const error = await callWithRetries({
      policy: { ...policy, maxRetries: 1 },
      safeToRepeat: true,
      call: (signal) => {
        tries += 1;
        return new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
      toIntegrationError: toError,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, message: "no answer within the time limit" });
    expect(tries).toBe(2);
  });

  it("reads Retry-After as seconds or an HTTP date, and recognises connection failures", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 5_000).toUTCString())).toBeGreaterThan(3_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(networkFailureOf(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) }))).toMatchObject({ kind: "connection" });
    expect(networkFailureOf(new Error("HTTP 400"))).toBeNull();
  });
});
