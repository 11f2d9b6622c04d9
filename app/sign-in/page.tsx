import type { Metadata } from "next";
import Link from "next/link";
import { getOptionalActor } from "@/lib/auth/current-actor";
import { entraConfigured } from "@/lib/auth/entra/entra-configured";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { ensureSandboxPeople } from "@/lib/auth/sandbox/ensure-sandbox-people";
import { env } from "@/lib/config/env";
import { signInAsSandboxPersonAction, signInWithMicrosoftAction, signOutAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** Auth.js's error codes (and our own) as sentences for the person. */
const ERRORS: Record<string, string> = {
  SandboxOff: "The sandbox sign-in is off: this console drives real systems. Sign in with your Microsoft account.",
  UnknownPerson: "That person is not one of the sandbox's people. Choose one from the list.",
  Configuration: "Sign-in with Microsoft is not set up on this console. Ask the console's administrators.",
  AccessDenied: "Your Microsoft account could not be used to sign in here (it has no email address, or the sign-in was cancelled).",
  OAuthAccountNotLinked: "An account with your email address already exists here, linked to another sign-in. Ask an admin.",
  Verification: "The sign-in link has expired. Try again.",
};

/**
 * The sign-in page, the one page anyone may see. With the sandbox (DR_TARGET=sandbox): pick one of the seeded
 * people, one per role. Otherwise: Microsoft Entra ID. Always dynamic: who is signed in is read per request.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const callbackUrl = safeCallbackPath(one(search.callbackUrl));
  const error = one(search.error);
  const actor = await getOptionalActor();
  const sandbox = env().DR_TARGET === "sandbox";
  const people = sandbox ? await ensureSandboxPeople() : [];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {error && (
          <div className="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 className="govuk-error-summary__title">You are not signed in</h2>
              <div className="govuk-error-summary__body">
                <p className="govuk-body">{ERRORS[error] ?? "The sign-in did not work. Try again; if it keeps failing, ask the console's administrators."}</p>
              </div>
            </div>
          </div>
        )}
        {one(search.signedOut) && !actor && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="signed-out-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="signed-out-title">
                Success
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">You have signed out.</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Sign in to the DR console</h1>
        {actor && (
          <>
            <p className="govuk-body" data-testid="signed-in-as">
              You are signed in as {actor.name} ({ROLE_LABELS[actor.role].toLowerCase()}).
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" href={callbackUrl}>
                Continue to the console
              </Link>
            </p>
            <form action={signOutAction}>
              <button type="submit" className="govuk-button govuk-button--secondary">
                Sign out
              </button>
            </form>
            <h2 className="govuk-heading-m">Sign in as someone else</h2>
          </>
        )}
        {sandbox ? (
          <>
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Sandbox: nothing real is changed. Choose who to be; each person has one role.
              </strong>
            </div>
            <ul className="govuk-list app-sandbox-people" data-testid="sandbox-people">
              {people.map((person) => (
                <li key={person.id}>
                  <form action={signInAsSandboxPersonAction}>
                    <input type="hidden" name="userId" value={person.id} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
                      Sign in as {person.name}
                      <span className="govuk-visually-hidden">,</span> ({ROLE_LABELS[person.role].toLowerCase()})
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </>
        ) : entraConfigured() ? (
          <form action={signInWithMicrosoftAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <p className="govuk-body">Use your Department for Education Microsoft account. Your role in the console comes from your Entra ID groups.</p>
            <button type="submit" className="govuk-button govuk-button--start">
              Sign in with Microsoft
            </button>
          </form>
        ) : (
          <p className="govuk-body">Sign-in with Microsoft is not set up on this console yet. Ask the console&apos;s administrators.</p>
        )}
      </div>
    </div>
  );
}
