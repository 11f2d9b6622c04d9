/**
 * The sandbox's operation counters (GET /counters) that record a change made to a stand-in: every counter except
 * reads (GET, LIST) and requests answered by an injected fault. "Sent exactly once" is checked on these.
 */
export function externalWrites(counters: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counters)
      .filter(([name]) => !/^arm:(GET|LIST) /.test(name) && !/:fault:/.test(name) && !/^[a-z]+:(get|list|read|watch) /.test(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const REPO = "DFE-Digital/access-your-teaching-qualifications";
const NAMESPACE = "tra-test";
const WEB = "access-your-teaching-qualifications-test";

/** What one Scenario 2 drill in `test` changes, each exactly once (stop and restart scale each deployment once). */
export const SCENARIO_2_WRITES: Record<string, number> = {
  [`kubernetes:scale ${NAMESPACE}/${WEB}`]: 2,
  [`kubernetes:scale ${NAMESPACE}/${WEB}-worker`]: 2,
  [`github:update-pull-request-review-protection ${REPO}/main`]: 2,
  "github:dispatch database-backup.yml": 2,
  "github:dispatch database-restore-ptr.yml": 1,
  "github:dispatch database-restore.yml": 1,
  "arm:PUT flexibleServers PointInTimeRestore": 1,
  "arm:PUT flexibleServers PointInTimeRestore s189t01-aytq-ts-pg-ptr": 1,
  "arm:DELETE flexibleServers": 1,
  "arm:DELETE flexibleServers s189t01-aytq-ts-pg-ptr": 1,
};
