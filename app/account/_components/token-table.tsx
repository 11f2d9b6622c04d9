import type { ApiTokenSummary } from "@/lib/auth/tokens/list-api-tokens";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { timeView } from "@/lib/incidents/time-view";
import { TimeText } from "@/app/_components/time-text";
import { RevokeTokenButton } from "./revoke-token-button";

const STATUS = { active: "govuk-tag--green", expired: "govuk-tag--grey", revoked: "govuk-tag--red" } as const;

/** API tokens (never their secret): name, start of the token, role, dates, state, and revoke for active ones. */
export function TokenTable({ tokens, showOwner, caption }: { tokens: ApiTokenSummary[]; showOwner: boolean; caption: string }) {
  if (tokens.length === 0) return <p className="govuk-body">No API tokens yet.</p>;
  return (
    <table className="govuk-table" data-testid="token-table">
      <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Name</th>
          {showOwner && <th scope="col" className="govuk-table__header">Owner</th>}
          <th scope="col" className="govuk-table__header">Role</th>
          <th scope="col" className="govuk-table__header">Expires</th>
          <th scope="col" className="govuk-table__header">Last used</th>
          <th scope="col" className="govuk-table__header">State</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {tokens.map((t) => (
          <tr className="govuk-table__row" key={t.id}>
            <td className="govuk-table__cell">
              {t.name}
              <br />
              <code className="app-code-inline">{t.prefix}…</code>
            </td>
            {showOwner && <td className="govuk-table__cell">{t.owner.name}</td>}
            <td className="govuk-table__cell">{ROLE_LABELS[t.role]}</td>
            <td className="govuk-table__cell"><TimeText time={timeView(t.expiresAt)} /></td>
            <td className="govuk-table__cell"><TimeText time={timeView(t.lastUsedAt)} fallback="Never" /></td>
            <td className="govuk-table__cell">
              <strong className={`govuk-tag ${STATUS[t.status]}`}>{t.status}</strong>
            </td>
            <td className="govuk-table__cell">{t.status === "active" && <RevokeTokenButton tokenId={t.id} name={t.name} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
