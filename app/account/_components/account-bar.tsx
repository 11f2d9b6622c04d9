import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/current-actor";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { logger } from "@/lib/log";
import { signOutAction } from "../../sign-in/actions";

/**
 * Under the header on every page: who is signed in, with which role, their account and sign out; or a sign-in
 * link. Reading the session makes every page render per request, which the CSP nonce needs (proxy.ts).
 */
export async function AccountBar() {
  let actor: Awaited<ReturnType<typeof getOptionalActor>> = null;
  try {
    actor = await getOptionalActor();
  } catch (error) {
    // Next's own signals pass (reading cookies makes the page dynamic, which the CSP nonce needs).
    unstable_rethrow(error);
    // No database: the dashboard says so; the bar just offers sign-in.
    logger.warn({ err: error }, "could not read the session for the account bar");
  }
  return (
    <div className="app-account-bar">
      <div className="govuk-width-container app-width-container">
        {actor ? (
          <form action={signOutAction} className="app-account-bar__inner">
            <span className="govuk-body-s app-account-bar__text" data-testid="account-bar">
              Signed in as <strong>{actor.name}</strong> ({ROLE_LABELS[actor.role].toLowerCase()})
            </span>
            <Link className="govuk-link govuk-body-s app-account-bar__text" href="/account">
              Your account and API tokens
            </Link>
            <button type="submit" className="app-account-bar__link govuk-body-s">
              Sign out
            </button>
          </form>
        ) : (
          <p className="govuk-body-s app-account-bar__inner">
            <Link className="govuk-link" href="/sign-in">
              Sign in
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
