"use client";

import { useRouter } from "next/navigation";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { revokeApiTokenAction } from "../actions";

/** Revokes a token at once (its next use is refused). */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const mutation = useActionMutation(revokeApiTokenAction, { onSuccess: () => router.refresh() });
  return (
    <>
      {mutation.error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {mutation.error.message}
        </p>
      )}
      <button
        type="button"
        className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
        disabled={mutation.pending}
        aria-disabled={mutation.pending}
        onClick={() => mutation.run({ tokenId })}
      >
        Revoke<span className="govuk-visually-hidden"> token {name}</span>
      </button>
    </>
  );
}
