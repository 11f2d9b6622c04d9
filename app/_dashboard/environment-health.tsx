"use client";

import { useQuery } from "@tanstack/react-query";
import type { EnvironmentsHealthView, ServiceHealthState } from "@/lib/ui/check-environments-health";
import { capitalise } from "@/lib/ui/capitalise";
import { healthKeys } from "@/lib/ui/query-keys/health-keys";
import { fetchJson } from "@/app/_components/fetch-json";

const STATE: Record<ServiceHealthState, { label: string; tag: string }> = {
  passing: { label: "Healthy", tag: "govuk-tag--green" },
  failing: { label: "Failing", tag: "govuk-tag--red" },
  unreachable: { label: "Cannot be checked", tag: "govuk-tag--orange" },
  "not-available": { label: "Not available", tag: "govuk-tag--grey" },
};

/** AYTQ and CTR health in each environment, checked through the health port, refreshed every 30 seconds. */
export function EnvironmentHealth() {
  const { data, error, isPending } = useQuery({
    queryKey: healthKeys.environments("aytq"),
    queryFn: () => fetchJson<EnvironmentsHealthView>("/api/ui/health"),
    refetchInterval: 30_000,
  });
  return (
    <section aria-labelledby="health-heading" data-testid="environment-health">
      <h2 className="govuk-heading-m" id="health-heading">
        Service health
      </h2>
      {isPending && <p className="govuk-body">Checking the health pages…</p>}
      {error && <p className="govuk-body">The console could not check health: {error.message}</p>}
      {data && !data.available && (
        <div className="govuk-inset-text" data-testid="health-not-available">
          Health checks are not available: {data.environments[0]?.services[0]?.summary.replace(/^Not available: /, "") ?? "no health port"}
        </div>
      )}
      {data && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Checked {data.checkedAtText}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Environment</th>
              <th scope="col" className="govuk-table__header">Service</th>
              <th scope="col" className="govuk-table__header">Health</th>
              <th scope="col" className="govuk-table__header">Detail</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.environments.flatMap((env) =>
              env.services.map((s, index) => (
                <tr className="govuk-table__row" key={`${env.key}-${s.key}`}>
                  {index === 0 && (
                    <th scope="rowgroup" rowSpan={env.services.length} className="govuk-table__header">
                      {capitalise(env.label)}
                    </th>
                  )}
                  <td className="govuk-table__cell">{s.shortName}</td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag ${STATE[s.state].tag}`}>{STATE[s.state].label}</strong>
                  </td>
                  <td className="govuk-table__cell govuk-body-s">
                    {s.state === "not-available" ? "–" : s.summary}
                    {s.url && (
                      <>
                        {" "}
                        <a className="govuk-link" href={s.url} target="_blank" rel="noreferrer noopener">
                          health page<span className="govuk-visually-hidden"> of {s.shortName} in {env.label}</span> (opens in new tab)
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
