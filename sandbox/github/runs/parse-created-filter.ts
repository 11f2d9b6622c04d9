/**
 * The `created` filter of the runs list, in GitHub's search date syntax: `2026-01-05`, `>=2026-01-05T10:00:00Z`,
 * `<2026-01-05`, `2026-01-01..2026-01-05`, `2026-01-05T10:00:00Z..*`. A date without a time covers the whole UTC
 * day. Answers a predicate on a run's created_at, or undefined for a value GitHub would not understand (it then
 * matches nothing).
 */

interface Bound {
  start: number;
  end: number;
}

function parseBound(value: string): Bound | undefined {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const start = Date.parse(`${v}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : { start, end: start + 24 * 3600 * 1000 - 1 };
  }
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : { start: at, end: at };
}

export function parseCreatedFilter(filter: string): ((createdAt: string) => boolean) | undefined {
  const f = filter.trim();
  const range = /^(.+?)\.\.(.+)$/.exec(f);
  if (range) {
    const [, from = "", to = ""] = range;
    const low = from === "*" ? { start: -Infinity, end: -Infinity } : parseBound(from);
    const high = to === "*" ? { start: Infinity, end: Infinity } : parseBound(to);
    if (!low || !high) return undefined;
    return (createdAt) => Date.parse(createdAt) >= low.start && Date.parse(createdAt) <= high.end;
  }
  const op = /^(>=|<=|>|<)?(.+)$/.exec(f);
  const bound = op ? parseBound(op[2] ?? "") : undefined;
  if (!op || !bound) return undefined;
  switch (op[1]) {
    case ">=":
      return (c) => Date.parse(c) >= bound.start;
    case ">":
      return (c) => Date.parse(c) > bound.end;
    case "<=":
      return (c) => Date.parse(c) <= bound.end;
    case "<":
      return (c) => Date.parse(c) < bound.start;
    default:
      return (c) => Date.parse(c) >= bound.start && Date.parse(c) <= bound.end;
  }
}
