import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONSOLE_MALLOC_ARENA_MAX, CONSOLE_NODE_OPTIONS, consoleRuntimeEnv } from "./console-runtime";

describe("the console process's runtime settings", () => {
  it("are the ones the Dockerfile's image runs with", () => {
    const dockerfile = readFileSync(path.join(import.meta.dirname, "..", "..", "Dockerfile"), "utf8");
    const runStage = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    expect(runStage).toContain(`NODE_OPTIONS="${CONSOLE_NODE_OPTIONS.join(" ")}"`);
    expect(runStage).toContain(`MALLOC_ARENA_MAX=${CONSOLE_MALLOC_ARENA_MAX}`);
  });

  it("come after the caller's own NODE_OPTIONS, which win when they set the same flag", () => {
    expect(consoleRuntimeEnv(undefined)).toEqual({ NODE_OPTIONS: "--max-semi-space-size=8", MALLOC_ARENA_MAX: "2" });
    expect(consoleRuntimeEnv("--enable-source-maps").NODE_OPTIONS).toBe("--enable-source-maps --max-semi-space-size=8");
    expect(consoleRuntimeEnv("--max-semi-space-size=32").NODE_OPTIONS).toBe("--max-semi-space-size=32");
  });
});
