import { z } from "zod";
import { DateTime } from "luxon";
import { environmentKeys } from "../catalogue/schema";
import { ValidationError } from "../errors";
import { typedTimeField } from "../runbooks/inputs";
import { scenarios } from "../runbooks/scenarios";
import { parseUkOrUtcTime } from "../time/parse-uk-or-utc-time";
import { UK_ZONE } from "../time/zone";
import { CADENCES } from "./cadence";

/** Inputs of the DR tests page, checked with zod: each message says what to type. */

const scenarioIds = scenarios.map((s) => s.id) as [string, ...string[]];
const scenarioField = z.enum(scenarioIds, { error: `The scenario: one of ${scenarioIds.join(", ")}.` });
const environmentField = z.enum(environmentKeys, { error: `The environment: one of ${environmentKeys.join(", ")}.` });

/** Names, one per line or separated by commas. */
const peopleField = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(/[\n,]/)).map((p) => p.trim()).filter(Boolean))
  .refine((list) => list.length <= 50, "At most 50 participants.")
  .refine((list) => list.every((p) => p.length <= 120), "Each participant's name must be under 120 characters.");

export const scheduleDrillInputSchema = z.object({
  serviceKey: z.string().trim().default("aytq"),
  scenarios: z
    .union([z.array(scenarioField), scenarioField])
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .refine((v) => v.length > 0, "Choose at least one scenario."),
  environment: environmentField,
  /** Typed in UK time (or UTC): { time: "2026-04-15T09:00", zone: "uk" }. */
  scheduledAt: typedTimeField("Date and time"),
  durationMinutes: z.coerce.number({ error: "The expected length in minutes." }).int().min(15, "At least 15 minutes.").max(24 * 60, "At most 24 hours.").default(120),
  participants: peopleField,
  notes: z.string().trim().max(4000, "The notes are too long: at most 4000 characters.").optional().transform((v) => v || null),
  cadenceId: z.uuid().optional(),
});
export type ScheduleDrillInput = z.input<typeof scheduleDrillInputSchema>;

/**
 * The first occurrence of a cadence, in UK time. Times from 01:00 to 01:59 are refused: on the clock-change
 * Sundays they do not exist (March) or happen twice (October), and a monthly cadence can land on those days.
 */
const startsLocalField = z
  .string({ error: "The first date and time, in UK time: 2026-01-15 09:00." })
  .trim()
  .transform((value, ctx) => {
    try {
      parseUkOrUtcTime({ text: value, zone: "uk", field: "first date and time" });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
    if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "Give the first date and time in UK time, without an offset: 2026-01-15 09:00." });
      return z.NEVER;
    }
    const local = DateTime.fromISO(value.replace(" ", "T"), { zone: UK_ZONE });
    if (local.hour === 1) {
      ctx.addIssue({ code: "custom", message: "Choose a time outside 01:00 to 01:59 UK time: on the clock-change days that hour does not exist or happens twice." });
      return z.NEVER;
    }
    return local.toFormat("yyyy-MM-dd'T'HH:mm");
  });

export const setDrillCadenceInputSchema = z.object({
  serviceKey: z.string().trim().default("aytq"),
  scenario: scenarioField,
  environment: environmentField,
  intervalMonths: z.coerce
    .number({ error: "How often: every 1, 3, 6 or 12 months." })
    .int()
    .refine((v) => CADENCES.some((c) => c.months === v), "How often: every 1, 3, 6 or 12 months."),
  startsLocal: startsLocalField,
});
export type SetDrillCadenceInput = z.input<typeof setDrillCadenceInputSchema>;

export const recordDrillOutcomeInputSchema = z.object({
  /** The drill-mode incident this outcome is about (started from this drill); absent for a test run outside the console. */
  incidentId: z.uuid({ error: "There is no such incident." }).optional(),
  scenario: scenarioField,
  result: z.enum(["success", "fail"], { error: "The outcome: success or fail." }),
  timeTakenMinutes: z.coerce.number({ error: "The time taken, in whole minutes." }).int("The time taken, in whole minutes.").min(0).max(7 * 24 * 60),
  issues: z.string().trim().max(8000, "The issues are too long: at most 8000 characters.").default(""),
  /** Attach the incident's report (its JSON export) to the record. */
  attachReport: z.boolean().default(true),
});
export type RecordDrillOutcomeInput = z.input<typeof recordDrillOutcomeInputSchema>;

/** zod issues as the console's ValidationError. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new ValidationError(`${what}: ${issues.map((i) => i.message).join(" ")}`, issues);
}
