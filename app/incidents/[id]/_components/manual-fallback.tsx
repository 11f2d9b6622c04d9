import type { ManualFallback as Fallback } from "@/lib/runbooks/types";

/** The exact way to do a step by hand, with this environment's names filled in (the runbook's own method). */
export function ManualFallbackContent({ fallback }: { fallback: Fallback }) {
  return (
    <>
      <p className="govuk-body">{fallback.summary}</p>
      {fallback.commands && fallback.commands.length > 0 && (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">Commands:</p>
          <pre className="app-code">
            <code>{fallback.commands.join("\n")}</code>
          </pre>
        </>
      )}
      {fallback.workflow && (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={fallback.workflow.url} target="_blank" rel="noreferrer noopener">
              Open the workflow “{fallback.workflow.title}” on GitHub (opens in new tab)
            </a>{" "}
            and run it with these inputs:
          </p>
          <dl className="govuk-summary-list app-summary-list--compact">
            {Object.entries(fallback.workflow.inputs).map(([name, value]) => (
              <div className="govuk-summary-list__row" key={name}>
                <dt className="govuk-summary-list__key">
                  <code>{name}</code>
                </dt>
                <dd className="govuk-summary-list__value">
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {fallback.portal && (
        <p className="govuk-body">
          <a className="govuk-link" href={fallback.portal.url} target="_blank" rel="noreferrer noopener">
            Open the page (opens in new tab)
          </a>
          , then go to: {fallback.portal.path}
        </p>
      )}
      {fallback.instructions && fallback.instructions.length > 0 && (
        <ol className="govuk-list govuk-list--number">
          {fallback.instructions.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ol>
      )}
    </>
  );
}
