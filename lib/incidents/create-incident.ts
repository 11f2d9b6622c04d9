import { z } from "zod";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { catalogue } from "../catalogue/catalogue";
import { environmentKeys } from "../catalogue/schema";
import { ValidationError } from "../errors";
import { authoriseStepAction } from "../engine/authorise-step-action";
import { refreshReadiness } from "../engine/refresh-readiness";
import { touchParticipant } from "../engine/touch-participant";
import { inTransaction } from "../engine/transaction";
import { typedTimeField } from "../runbooks/inputs";
import { scenarios } from "../runbooks/scenarios";
import { getIncident } from "./get-incident";
import type { IncidentView } from "./incident-view";

export const createIncidentInputSchema = z.object({
  serviceKey: z.string().trim().default("aytq"),
  scenario: z.enum(scenarios.map((s) => s.id) as [string, ...string[]], { error: `The scenario: one of ${scenarios.map((s) => s.id).join(", ")}.` }),
  environment: z.enum(environmentKeys, { error: `The environment: one of ${environmentKeys.join(", ")}.` }),
  mode: z.enum(["incident", "drill"], { error: 'The mode: "incident" or "drill".' }),
  /** When the problem was noticed (UK time or UTC); now when left out. */
  detectedAt: typedTimeField("Detection time").optional(),
  /** The incident lead; the person opening it when left out. */
  lead: z.object({ id: z.string().trim().min(1).max(200), name: z.string().trim().min(1).max(200) }).optional(),
});
export type CreateIncidentInput = z.input<typeof createIncidentInputSchema>;

export interface CreateIncidentOptions extends ActionContext {
  input: unknown;
}

/**
 * Opens an incident (or a drill): one step run per step of the scenario in this mode, on the scenario's first
 * option. The view it returns carries warnings said before anyone starts (steps that cannot run in this
 * environment, another incident open on it).
 */
export async function createIncident(options: CreateIncidentOptions): Promise<IncidentView> {
  authoriseStepAction({ actor: options.actor, action: "create" });
  const parsed = createIncidentInputSchema.safeParse(options.input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(`The incident cannot be opened: ${issues.map((i) => i.message).join(" ")}`, issues);
  }
  const input = parsed.data;
  const service = catalogue.find((s) => s.key === input.serviceKey);
  if (!service) throw new ValidationError(`There is no service "${input.serviceKey}" in the catalogue.`, [{ path: "serviceKey", message: "unknown service" }]);
  const detectedAt = input.detectedAt ? new Date(input.detectedAt.utc) : new Date();
  if (detectedAt.getTime() > Date.now() + 60_000) {
    throw new ValidationError("The detection time is in the future.", [{ path: "detectedAt", message: "in the future" }]);
  }
  const scenario = scenarios.find((s) => s.id === input.scenario)!;
  const steps = scenario.steps.filter((s) => !s.modes || s.modes.includes(input.mode));
  const branch = scenario.branches.find((b) => b.initial)?.id ?? null;
  const lead = input.lead ?? { id: options.actor.id, name: options.actor.name };

  const id = await inTransaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        serviceKey: service.key, scenario: scenario.id, environment: input.environment, mode: input.mode, branch,
        leadId: lead.id, leadName: lead.name, detectedAt, createdById: options.actor.id, createdByName: options.actor.name,
        steps: { create: steps.map((s, position) => ({ stepId: s.id, position, state: "pending" as const })) },
      },
    });
    await refreshReadiness(tx, { incidentId: incident.id, scenario, branch });
    await touchParticipant(tx, { incidentId: incident.id, actor: options.actor });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "incident.created", outcome: "ok", incidentId: incident.id,
      inputs: { ...input, detectedAt: detectedAt.toISOString() },
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return incident.id;
  });
  return getIncident({ incidentId: id });
}
