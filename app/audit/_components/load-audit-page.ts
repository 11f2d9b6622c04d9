import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { listAuditActions } from "@/lib/incidents/list-audit-actions";
import { searchAuditTrail } from "@/lib/incidents/search-audit-trail";
import { parseUkDateRange } from "@/lib/ui/parse-uk-date-range";
import type { AuditFilterForm } from "./audit-trail";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** What an audit page shows, from its query string: the filtered rows, the filter form, and the chain's check. */
export async function loadAuditPage(options: { search: Search; incidentId?: string }) {
  const { search } = options;
  const form: AuditFilterForm = {
    incidentId: options.incidentId ?? one(search.incidentId),
    actor: one(search.actor),
    action: one(search.action),
    outcome: one(search.outcome),
    from: one(search.from),
    to: one(search.to),
  };
  const range = parseUkDateRange({ from: form.from, to: form.to });
  const [chain, actions, found] = await Promise.all([
    verifyAuditChain(),
    listAuditActions(),
    range.errors.length
      ? Promise.resolve({ rows: [], olderBefore: null })
      : searchAuditTrail({ incidentId: form.incidentId || undefined, actor: form.actor, action: form.action, outcome: form.outcome, from: range.from, to: range.to, before: one(search.before) }),
  ]);
  return { form, errors: range.errors, chain, actions, ...found };
}
