import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { listApiTokens } from "@/lib/auth/tokens/list-api-tokens";
import { listUsers } from "@/lib/auth/users/list-users";
import { timeView } from "@/lib/incidents/time-view";
import { TimeText } from "@/app/_components/time-text";
import { TokenTable } from "../account/_components/token-table";
import { RoleForm } from "./_components/role-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users and roles" };

/** Admins: everyone's role (Entra-mapped people get their mapped role back at sign-in), and every API token. */
export default async function AdminPage() {
  const actor = await requirePageActor({ capability: "admin" });
  const [users, tokens] = await Promise.all([listUsers(), listApiTokens({ actor, everyone: true })]);
  const roles = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <>
      <h1 className="govuk-heading-l">Users and roles</h1>
      <p className="govuk-body">
        Viewers read; responders act on steps outside production and write notes; incident leads open and close incidents, ask for production changes and
        approve other leads&apos; requests; admins also manage roles, the DR test schedule and settings. A role change applies to the person&apos;s next
        request, and to their API tokens.
      </p>
      <table className="govuk-table" data-testid="user-table">
        <caption className="govuk-table__caption govuk-table__caption--m">People</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Email</th>
            <th scope="col" className="govuk-table__header">Last signed in</th>
            <th scope="col" className="govuk-table__header">Role</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {users.map((u) => (
            <tr className="govuk-table__row" key={u.id}>
              <td className="govuk-table__cell">{u.name}</td>
              <td className="govuk-table__cell">{u.email}</td>
              <td className="govuk-table__cell"><TimeText time={timeView(u.lastSignInAt)} fallback="Never" /></td>
              <td className="govuk-table__cell"><RoleForm userId={u.id} name={u.name} role={u.role} roles={roles} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="govuk-heading-m">API tokens</h2>
      <TokenTable tokens={tokens} showOwner caption="Everyone's tokens" />
    </>
  );
}
