import { assertUuid } from "../engine/assert-uuid";
import { NotFoundError } from "../errors";
import type { DrillView } from "./drill-view";
import { listDrills } from "./list-drills";

/** One scheduled DR test with its runs and outcomes (NotFoundError when there is none). */
export async function getDrill(options: { drillId: string }): Promise<DrillView> {
  assertUuid(options.drillId, "DR test");
  const [drill] = await listDrills({ filter: { id: options.drillId } });
  if (!drill) throw new NotFoundError(`There is no DR test ${options.drillId}.`);
  return drill;
}
