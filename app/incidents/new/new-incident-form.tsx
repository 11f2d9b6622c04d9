"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { RadiosField } from "@/app/_components/form/radios-field";
import { TypedTimeField, type TypedTimeValue } from "@/app/_components/form/typed-time-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { capitalise } from "@/lib/ui/capitalise";
import { previewTypedTime } from "@/lib/ui/preview-typed-time";
import { createIncidentAction } from "../actions";

export interface EnvironmentChoice {
  key: string;
  label: string;
  production: boolean;
  /** Per scenario: steps that cannot run in this environment (preprod has no backup storage). */
  warningsByScenario: Record<string, string[]>;
  open: { id: string; title: string; mode: string; openedText: string }[];
}

interface ScenarioChoice {
  id: string;
  title: string;
  summary: string;
  whenToUse: string;
}

const FIELD_IDS: Record<string, string> = { scenario: "scenario", environment: "environment", mode: "mode", detectedAt: "detected-at" };

export function NewIncidentForm({ scenarios, environments }: { scenarios: ScenarioChoice[]; environments: EnvironmentChoice[] }) {
  const router = useRouter();
  const [scenario, setScenario] = useState("");
  const [environment, setEnvironment] = useState("");
  const [mode, setMode] = useState("");
  const [detected, setDetected] = useState<TypedTimeValue>({ time: "", zone: "uk" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useActionMutation(createIncidentAction, {
    onSuccess: (data) => router.push(`/incidents/${data.id}`),
  });
  const chosen = environments.find((e) => e.key === environment);
  const warnings = chosen && scenario ? (chosen.warningsByScenario[scenario] ?? []) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!scenario) problems.scenario = "Select the scenario that applies";
    if (!environment) problems.environment = "Select the environment";
    if (!mode) problems.mode = "Select whether this is an incident or a drill";
    const preview = previewTypedTime({ time: detected.time, zone: detected.zone, label: "Detection time" });
    if (preview.state === "invalid") problems.detectedAt = preview.message;
    if (preview.state === "ok" && Date.parse(preview.utc) > Date.now() + 60_000) problems.detectedAt = "The detection time must not be in the future";
    setErrors(problems);
    if (Object.keys(problems).length) return;
    mutation.run({ scenario, environment, mode, ...(detected.time.trim() ? { detectedAt: { time: detected.time.trim(), zone: detected.zone } } : {}) });
  };

  const serverIssues = Object.fromEntries((mutation.error?.issues ?? []).map((i) => [i.path.split(".")[0] ?? "", i.message]));
  const shown = { ...errors, ...serverIssues };
  const summary = [
    ...Object.entries(shown).filter(([k]) => FIELD_IDS[k]).map(([k, message]) => ({ href: FIELD_IDS[k], message })),
    ...(mutation.error && Object.keys(serverIssues).length === 0 ? [{ message: mutation.error.message }] : []),
  ];

  return (
    <form onSubmit={submit} noValidate data-testid="new-incident-form">
      <ErrorSummary items={summary} />
      <RadiosField
        id="scenario"
        name="scenario"
        legend="Which scenario applies?"
        legendClass="govuk-fieldset__legend--m"
        error={shown.scenario}
        options={scenarios.map((s) => ({ value: s.id, label: s.title, hint: `${s.summary} ${s.whenToUse}` }))}
        value={scenario}
        onChange={setScenario}
      />
      <RadiosField
        id="environment"
        name="environment"
        legend="Which environment?"
        legendClass="govuk-fieldset__legend--m"
        error={shown.environment}
        options={environments.map((e) => ({
          value: e.key,
          label: capitalise(e.label),
          hint: e.production ? "The live service. Production changes need a typed confirmation and a second incident lead's approval." : undefined,
        }))}
        value={environment}
        onChange={setEnvironment}
      />
      {chosen && chosen.open.length > 0 && (
        <div className="govuk-warning-text" data-testid="already-open-warning">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {chosen.open.length === 1 ? "An incident or drill is already open" : `${chosen.open.length} incidents or drills are already open`} on {chosen.label}:{" "}
            {chosen.open.map((o, i) => (
              <span key={o.id}>
                {i > 0 ? ", " : ""}
                <Link className="govuk-link" href={`/incidents/${o.id}`}>
                  {o.title} ({o.mode}, opened {o.openedText})
                </Link>
              </span>
            ))}
            . Work on both at once could collide: join the open one unless this is a different problem.
          </div>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="govuk-inset-text" data-testid="environment-warnings">
          <p className="govuk-body govuk-!-font-weight-bold">In {chosen?.label}, some steps cannot run:</p>
          <ul className="govuk-list govuk-list--bullet">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <RadiosField
        id="mode"
        name="mode"
        legend="Is this a real incident or a drill?"
        legendClass="govuk-fieldset__legend--m"
        error={shown.mode}
        options={[
          { value: "incident", label: "A real incident" },
          { value: "drill", label: "A drill (a DR test)", hint: "Adds the DR test's post-scenario steps." },
        ]}
        value={mode}
        onChange={setMode}
      />
      <TypedTimeField
        id="detected-at"
        name="detectedAt"
        label="When was the problem noticed?"
        optionalText="Leave it empty for now."
        error={shown.detectedAt}
        value={detected}
        onChange={setDetected}
      />
      <button type="submit" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending}>
        {mutation.pending ? "Starting…" : "Start"}
      </button>
    </form>
  );
}
