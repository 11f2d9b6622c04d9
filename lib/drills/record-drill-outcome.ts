import { createHash } from "node:crypto";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { canonicalJson, toJsonValue } from "../audit/canonical-json";
import { assertCan } from "../auth/capabilities";
import { getService } from "../catalogue/catalogue";
import { db } from "../db";
import { assertUuid } from "../engine/assert-uuid";
import { inTransaction } from "../engine/transaction";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { REPORT_JSON_SCHEMA_ID } from "../reports/build-report-json-schema";
import { buildIncidentReport } from "../reports/build-incident-report";
import { loadReportRecords } from "../reports/load-report-records";
import { parseOrThrow, recordDrillOutcomeInputSchema } from "./drill-input";

/**
 * The DR test's post-scenario record (the DR test template): outcome success or fail, time taken, issues, and the
 * incident's report attached (its JSON export, with a sha256 of its canonical JSON). Also writes the "service
 * list" entry for each service of the deployment (AYTQ and CTR): the test's date and status. The drill is
 * completed once every scenario has an outcome. Audited.
 */
export async function recordDrillOutcome(options: ActionContext & { drillId: string; input: unknown }): Promise<{ id: string; drillStatus: string }> {
  assertCan({ actor: options.actor, capability: "lead" });
  assertUuid(options.drillId, "DR test");
  const input = parseOrThrow(recordDrillOutcomeInputSchema, options.input, "The outcome cannot be recorded");
  const drill = await db().scheduledDrill.findUnique({ where: { id: options.drillId }, include: { runs: true, outcomes: { select: { scenario: true, incidentId: true } } } });
  if (!drill) throw new NotFoundError(`There is no DR test ${options.drillId}.`);
  if (drill.status === "cancelled") throw new ConflictError("This DR test was cancelled.", "drill_cancelled");
  if (!drill.scenarios.includes(input.scenario)) {
    throw new ValidationError(`This DR test does not include "${input.scenario}".`, [{ path: "scenario", message: "not in this DR test" }]);
  }
  let testedAt = drill.scheduledAt;
  let report: unknown = null;
  if (input.incidentId) {
    const run = drill.runs.find((r) => r.incidentId === input.incidentId);
    if (!run || run.scenario !== input.scenario) {
      throw new ValidationError("That incident was not started from this DR test for this scenario.", [{ path: "incidentId", message: "not a run of this DR test" }]);
    }
    const incident = await db().incident.findUniqueOrThrow({ where: { id: input.incidentId }, select: { createdAt: true } });
    testedAt = incident.createdAt;
    if (input.attachReport) {
      // The report as it will read once this outcome is recorded: the template's outcome and issues filled in.
      const records = await loadReportRecords({ incidentId: input.incidentId });
      const built = buildIncidentReport({ ...records, drillOutcome: { result: input.result, issues: input.issues, timeTakenMinutes: input.timeTakenMinutes } });
      report = { $schema: REPORT_JSON_SCHEMA_ID, ...built };
    }
  }
  const reportJson = report === null ? null : toJsonValue(report);
  const reportSha256 = reportJson === null ? null : createHash("sha256").update(canonicalJson(reportJson)).digest("hex");
  const services = getService(drill.serviceKey).services;

  return inTransaction(async (tx) => {
    if (input.incidentId && (await tx.drillOutcome.findUnique({ where: { incidentId: input.incidentId }, select: { id: true } }))) {
      throw new ConflictError("The outcome of this run is already recorded.", "outcome_recorded");
    }
    const outcome = await tx.drillOutcome.create({
      data: {
        drillId: drill.id, incidentId: input.incidentId ?? null, serviceKey: drill.serviceKey, scenario: input.scenario, environment: drill.environment,
        result: input.result, timeTakenMinutes: input.timeTakenMinutes, issues: input.issues,
        ...(reportJson === null ? {} : { report: reportJson as Prisma.InputJsonValue, reportSha256 }),
        recordedById: options.actor.id, recordedByName: options.actor.name,
      },
    });
    await tx.serviceListRecord.createMany({
      data: services.map((s) => ({
        serviceKey: drill.serviceKey, service: s.key, environment: drill.environment, scenario: input.scenario, testedAt, status: input.result,
        drillId: drill.id, outcomeId: outcome.id, recordedById: options.actor.id, recordedByName: options.actor.name,
      })),
    });
    const recorded = new Set([...drill.outcomes.map((o) => o.scenario), input.scenario]);
    const complete = drill.scenarios.every((s) => recorded.has(s));
    const drillStatus = complete ? "completed" : drill.status === "scheduled" ? "started" : drill.status;
    if (drillStatus !== drill.status) await tx.scheduledDrill.update({ where: { id: drill.id }, data: { status: drillStatus } });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "drill.outcome_recorded", outcome: "ok", incidentId: input.incidentId ?? null,
      inputs: { ...input }, detail: { drillId: drill.id, outcomeId: outcome.id, reportSha256, services: services.map((s) => s.key), testedAt: testedAt.toISOString() },
      requestId: options.requestId, correlationId: drill.id,
    });
    return { id: outcome.id, drillStatus };
  });
}
