"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useAnnounce } from "@/app/_components/announcer";
import { TextField } from "@/app/_components/form/text-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { setDrillCadenceAction } from "../actions";
import { ActionErrorSummary, fieldIssue } from "./action-error-summary";

const FIELD_IDS = { scenario: "cadence-scenario", environment: "cadence-environment", intervalMonths: "cadence-interval", startsLocal: "cadence-starts" };

/** How often a scenario is tested in an environment, from a first date and time in UK time. */
export function CadenceForm({ scenarios, environments, cadences }: { scenarios: { id: string; title: string }[]; environments: { key: string; label: string }[]; cadences: { months: number; label: string }[] }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [form, setForm] = useState({ scenario: scenarios[0]?.id ?? "", environment: environments[0]?.key ?? "", intervalMonths: "3", startsLocal: "" });
  const [local, setLocal] = useState<string | null>(null);
  const mutation = useActionMutation(setDrillCadenceAction, {
    onSuccess: () => {
      announce("Cadence saved.");
      router.refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.startsLocal.trim()) {
      setLocal("Enter the first date and time, in UK time");
      return;
    }
    setLocal(null);
    mutation.run(form);
  };
  const select = (id: string, label: string, value: string, options: [string, string][], onChange: (v: string) => void) => (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="govuk-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form onSubmit={submit} noValidate data-testid="cadence-form">
      <ActionErrorSummary error={mutation.error} fieldIds={FIELD_IDS} local={local ? [{ href: FIELD_IDS.startsLocal, message: local }] : []} />
      {select(FIELD_IDS.scenario, "Scenario", form.scenario, scenarios.map((s) => [s.id, s.title]), (scenario) => setForm({ ...form, scenario }))}
      {select(FIELD_IDS.environment, "Environment", form.environment, environments.map((e) => [e.key, e.label]), (environment) => setForm({ ...form, environment }))}
      {select(FIELD_IDS.intervalMonths, "How often", form.intervalMonths, cadences.map((c) => [String(c.months), c.label]), (intervalMonths) => setForm({ ...form, intervalMonths }))}
      <TextField
        id={FIELD_IDS.startsLocal}
        name="startsLocal"
        label="First date and time, in UK time"
        hint="For example 2027-01-15 09:00. Later dates keep the same UK time through the clock changes."
        widthClass="govuk-input--width-20"
        error={local ?? fieldIssue(mutation.error, "startsLocal")}
        value={form.startsLocal}
        onChange={(startsLocal) => setForm({ ...form, startsLocal })}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={mutation.pending} aria-disabled={mutation.pending}>
        Save the cadence
      </button>
    </form>
  );
}
