"use client";

/** An unexpected error while rendering a page: a plain apology and the digest the server logged it under. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the console</h1>
        <p className="govuk-body">The page could not be shown. Nothing you did was lost: every action that was done is in the audit trail.</p>
        {error.digest && <p className="govuk-body">If it keeps happening, quote reference {error.digest}.</p>}
        <button type="button" className="govuk-button" onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  );
}
