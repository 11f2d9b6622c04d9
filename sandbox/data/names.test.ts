import { describe, expect, it } from "vitest";
import { droppedDatabaseName, historyDatabaseName, instanceId, scratchDatabaseName, serverDatabaseName, slug, templateDatabaseName } from "./names";

describe("database names", () => {
  it("are stable for one state folder and differ between folders", () => {
    expect(instanceId("/tmp/a/.sandbox")).toBe(instanceId("/tmp/a/.sandbox"));
    expect(instanceId("/tmp/a/.sandbox")).not.toBe(instanceId("/tmp/b/.sandbox"));
    expect(instanceId("x")).toMatch(/^[0-9a-f]{8}$/);
  });
  it("stay within PostgreSQL's 63-byte identifiers and share the instance prefix", () => {
    const instance = "0123abcd";
    const names = [
      templateDatabaseName(instance),
      historyDatabaseName(instance),
      serverDatabaseName(instance, "s189p01-aytq-pd-pg"),
      serverDatabaseName(instance, "a-very-long-server-name-that-azure-allows-up-to-sixty-three-chars"),
      droppedDatabaseName(instance),
      scratchDatabaseName(instance, "restore of something with a long purpose"),
    ];
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name.startsWith("sbx_0123abcd_")).toBe(true);
      expect(name).toMatch(/^[a-z0-9_]+$/);
    }
  });
  it("give each incarnation of a server its own database", () => {
    expect(serverDatabaseName("0123abcd", "s189t01-aytq-ts-pg", "aaaaaa")).toBe("sbx_0123abcd_s_s189t01_aytq_ts_pg_aaaaaa");
    expect(serverDatabaseName("0123abcd", "s189t01-aytq-ts-pg")).not.toBe(serverDatabaseName("0123abcd", "s189t01-aytq-ts-pg"));
  });
  it("slugs to lower-case letters, digits and single underscores", () => {
    expect(slug("S189T01--AYTQ.ts", 40)).toBe("s189t01_aytq_ts");
    expect(slug("___", 10)).toBe("x");
  });
});
