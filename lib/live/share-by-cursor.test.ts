import { describe, expect, it } from "vitest";
import { ShareByCursor } from "./share-by-cursor";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("one load shared by the requests of one moment", () => {
  it("shares a running load with requests that know of no newer change, and starts another for one that does", async () => {
    const share = new ShareByCursor<string>({ keepMs: 1000, now: () => 0 });
    const first = deferred<string>();
    let loads = 0;
    const load = (d: { promise: Promise<string> }) => () => ((loads += 1), d.promise);
    const a = share.get("incident-1", 10n, load(first));
    const b = share.get("incident-1", 10n, load(first));
    const older = share.get("incident-1", 9n, load(first));
    expect(loads).toBe(1);
    const second = deferred<string>();
    const newer = share.get("incident-1", 11n, load(second));
    expect(loads).toBe(2);
    first.resolve("state at 10");
    second.resolve("state at 11");
    expect(await Promise.all([a, b, older, newer])).toEqual(["state at 10", "state at 10", "state at 10", "state at 11"]);
    // Keys do not mix.
    const other = deferred<string>();
    void share.get("incident-2", 10n, load(other));
    expect(loads).toBe(3);
    other.resolve("other");
  });

  it("keeps an ended load for keepMs only, and never keeps a failed one", async () => {
    let clock = 0;
    const share = new ShareByCursor<number>({ keepMs: 1000, now: () => clock });
    let loads = 0;
    const load = () => Promise.resolve((loads += 1));
    expect(await share.get("k", 5n, load)).toBe(1);
    clock = 999;
    expect(await share.get("k", 5n, load)).toBe(1);
    clock = 1000;
    expect(await share.get("k", 5n, load)).toBe(2);

    const failing = deferred<number>();
    const failed = share.get("f", 5n, () => failing.promise);
    failing.reject(new Error("database unreachable"));
    await expect(failed).rejects.toThrow("database unreachable");
    expect(await share.get("f", 5n, load)).toBe(3);
  });
});
