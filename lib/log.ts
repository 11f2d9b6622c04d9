import pino from "pino";
import { env } from "./config/env";

/** The one structured logger. Children carry a request id (`logger.child({ requestId })`). */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "dr-console" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["*.password", "*.token", "*.secret", "*.authorization", "headers.authorization", "headers.cookie"],
    censor: "[redacted]",
  },
});

export function requestLogger(requestId: string) {
  return logger.child({ requestId });
}
