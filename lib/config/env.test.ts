import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("environment validation", () => {
  it("fills defaults when nothing is configured", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DR_TARGET).toBe("sandbox");
    expect(env.EMBEDDED_PG_DIR).toBe(".data/postgres");
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names the variable and what it expects when a value is wrong", () => {
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT: expected a TCP port number between 1 and 65535 \(got "eighty"\)/);
      expect(message).toMatch(/DATABASE_URL: expected a PostgreSQL URL such as postgresql:\/\/user@host:5432\/db \(got "mysql:\/\/x"\)/);
    }
  });

  it("rejects an unknown target", () => {
    expect(() => parseEnv({ DR_TARGET: "azure" })).toThrow(/DR_TARGET: expected either "sandbox" or "cloud"/);
  });
});
