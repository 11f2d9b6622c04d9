import { describe, expect, it } from "vitest";
import type { ChangeEntry } from "./history-store";
import { planReplay } from "./restore-database";

let n = 0;
const entry = (e: Omit<ChangeEntry, "entryId" | "at">): ChangeEntry => ({ entryId: String(++n), at: new Date(n * 1000), ...e });
const key = () => ["id"];

describe("replay plan", () => {
  it("merges runs of the same kind on a table, the last image of a key winning", () => {
    const steps = planReplay(
      [
        entry({ table: "teachers", op: "INSERT", newRow: { id: 1, v: "a" } }),
        entry({ table: "teachers", op: "UPDATE", oldRow: { id: 1, v: "a" }, newRow: { id: 1, v: "b" } }),
        entry({ table: "teachers", op: "INSERT", newRow: { id: 2, v: "c" } }),
        entry({ table: "teachers", op: "DELETE", oldRow: { id: 2, v: "c" } }),
        entry({ table: "search_logs", op: "INSERT", newRow: { id: 9 } }),
      ],
      key,
    );
    expect(steps).toEqual([
      { kind: "upsert", table: "teachers", rows: [{ id: 1, v: "b" }, { id: 2, v: "c" }] },
      { kind: "delete", table: "teachers", rows: [{ id: 2, v: "c" }] },
      { kind: "upsert", table: "search_logs", rows: [{ id: 9 }] },
    ]);
  });
  it("deletes the old key when an update changes the key, and keeps truncates in order", () => {
    const steps = planReplay(
      [
        entry({ table: "t", op: "UPDATE", oldRow: { id: 1 }, newRow: { id: 5 } }),
        entry({ table: "t", op: "TRUNCATE" }),
        entry({ table: "t", op: "INSERT", newRow: { id: 6 } }),
      ],
      key,
    );
    expect(steps.map((s) => s.kind)).toEqual(["delete", "upsert", "truncate", "upsert"]);
  });
});
