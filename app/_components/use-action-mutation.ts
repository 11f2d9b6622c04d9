"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { ActionError, ActionResult } from "@/lib/actions/action-result";

class ActionFailedError extends Error {
  constructor(readonly actionError: ActionError) {
    super(actionError.message);
    this.name = "ActionFailedError";
  }
}

const UNREACHABLE: ActionError = {
  kind: "unexpected",
  title: "The console could not be reached",
  message: "The console could not be reached, so nothing was done. Check your connection, reload the page and try again.",
  issues: [],
};

/**
 * Calls a server action through TanStack Query. The guard is synchronous, so a double click sends one request
 * (the engine would refuse the second anyway, but nobody should see that refusal for their own double click);
 * `pending` disables the button until the answer comes. Failures come back as the action's own error.
 */
export function useActionMutation<TInput, TOutput>(
  action: (input: TInput) => Promise<ActionResult<TOutput>>,
  options: { onSuccess?(data: TOutput, input: TInput): void | Promise<void> } = {},
) {
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const mutation = useMutation({
    mutationFn: async (input: TInput) => {
      const result = await action(input);
      if (!result.ok) throw new ActionFailedError(result.error);
      return result.data;
    },
    onSuccess: (data, input) => options.onSuccess?.(data, input),
    onSettled: () => {
      inFlight.current = false;
      setSubmitting(false);
    },
  });
  const run = (input: TInput) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    mutation.mutate(input);
  };
  const error: ActionError | null = mutation.error ? (mutation.error instanceof ActionFailedError ? mutation.error.actionError : UNREACHABLE) : null;
  return { run, pending: submitting || mutation.isPending, error, reset: mutation.reset, succeeded: mutation.isSuccess };
}
