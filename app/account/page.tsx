import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { can } from "@/lib/auth/capabilities";
import { ROLE_LABELS, ROLES, roleAtLeast } from "@/lib/auth/roles";
import { listApiTokens } from "@/lib/auth/tokens/list-api-tokens";
import { env } from "@/lib/config/env";
import { signOutAction } from "../sign-in/actions";
import { CreateTokenForm } from "./_components/create-token-form";
import { TokenTable } from "./_components/token-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account and API tokens" };

/** Who you are, sign out, and your API tokens for the HTTP API (made here, shown once, revocable). */
export default async function AccountPage() {
  const actor = await requirePageActor({ capability: "read" });
  const tokens = await listApiTokens({ actor });
  const roles = ROLES.filter((r) => roleAtLeast(actor.role, r)).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <>
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list" data-testid="account-summary">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{actor.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Role</dt>
          <dd className="govuk-summary-list__value">{ROLE_LABELS[actor.role]}</dd>
        </div>
      </dl>
      <form action={signOutAction}>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Sign out
        </button>
      </form>
      {can(actor.role, "admin") && (
        <p className="govuk-body">
          <Link className="govuk-link" href="/admin">
            Manage users, roles and everyone&apos;s API tokens
          </Link>
        </p>
      )}
      <h2 className="govuk-heading-m">API tokens</h2>
      <p className="govuk-body">
        Scripts call the console&apos;s HTTP API (<Link className="govuk-link" href="/api/v1/openapi.json">OpenAPI description</Link>) with a token
        in the header <code className="app-code-inline">Authorization: Bearer drc_…</code>. A token acts as you, with the role you give it.
      </p>
      <TokenTable tokens={tokens} showOwner={false} caption="Your tokens" />
      <h3 className="govuk-heading-s">Make a token</h3>
      <CreateTokenForm roles={roles} maxDays={env().API_TOKEN_MAX_DAYS} />
    </>
  );
}
