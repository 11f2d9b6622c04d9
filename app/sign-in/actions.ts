"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { entraConfigured } from "@/lib/auth/entra/entra-configured";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { signInAsSandboxPerson } from "@/lib/auth/sandbox/sign-in-as-sandbox-person";
import { endSession } from "@/lib/auth/sessions/end-session";
import { sessionCookie } from "@/lib/auth/sessions/session-cookie";
import { ExpectedError } from "@/lib/errors";

/**
 * Sign-in and sign-out: the only server actions anyone may call without a session. Plain form posts (they work
 * without JavaScript); Next's origin check on server actions guards them against cross-site posts.
 */

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Sandbox mode only: sign in as one of the seeded people (lib/auth/sandbox refuses anywhere else, audited). */
export async function signInAsSandboxPersonAction(form: FormData): Promise<void> {
  const callbackUrl = safeCallbackPath(text(form, "callbackUrl"));
  const requestId = (await headers()).get("x-request-id") ?? undefined;
  let session: { sessionToken: string; expires: Date };
  try {
    session = await signInAsSandboxPerson({ userId: text(form, "userId"), requestId });
  } catch (error) {
    if (!(error instanceof ExpectedError)) throw error;
    redirect(`/sign-in?error=${error.title === "Not allowed" ? "SandboxOff" : "UnknownPerson"}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  const cookie = sessionCookie();
  (await cookies()).set(cookie.name, session.sessionToken, { ...cookie.options, expires: session.expires });
  redirect(callbackUrl);
}

/** Microsoft Entra ID, through Auth.js: redirects to Microsoft and back to /api/auth/callback/microsoft-entra-id. */
export async function signInWithMicrosoftAction(form: FormData): Promise<void> {
  const callbackUrl = safeCallbackPath(text(form, "callbackUrl"));
  if (!entraConfigured()) redirect(`/sign-in?error=Configuration&callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await signIn("microsoft-entra-id", { redirectTo: callbackUrl });
}

/** Ends the session (the row is deleted, so a copied cookie is worthless too) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const cookie = sessionCookie();
  await endSession({ sessionToken: jar.get(cookie.name)?.value, requestId: (await headers()).get("x-request-id") ?? undefined });
  jar.delete({ name: cookie.name, path: "/" });
  redirect("/sign-in?signedOut=1");
}
