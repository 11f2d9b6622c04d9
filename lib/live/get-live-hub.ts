import { databaseUrl, db } from "../db";
import { logger } from "../log";
import { LiveHub } from "./live-hub";
import { readAuditAfter } from "./read-audit-after";

const globalForHub = globalThis as unknown as { __drConsoleLiveHub?: LiveHub };

/** The console process's one live hub (one LISTEN connection however many browsers are open). */
export function getLiveHub(): LiveHub {
  globalForHub.__drConsoleLiveHub ??= new LiveHub({
    connectionString: databaseUrl(),
    readAfter: ({ afterId, limit }) => readAuditAfter({ afterId, limit }),
    readMaxId: async () => (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n,
    logger: logger.child({ component: "live-hub" }),
  });
  return globalForHub.__drConsoleLiveHub;
}

/** For tests: stops and forgets the process's hub. */
export async function stopLiveHub(): Promise<void> {
  const hub = globalForHub.__drConsoleLiveHub;
  globalForHub.__drConsoleLiveHub = undefined;
  await hub?.stop();
}
