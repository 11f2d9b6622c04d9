import type { DeploymentObject } from "./deployment-object";

/**
 * `fieldSelector` and `labelSelector` as list and watch take them, for the forms clients send for deployments:
 * field `metadata.name` / `metadata.namespace` with = == !=, and label equality, inequality, existence and set
 * membership (`in`, `notin`).
 */

export class InvalidSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidSelectorError";
  }
}

type Predicate = (d: DeploymentObject) => boolean;

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

export function parseFieldSelector(selector: string | undefined): Predicate {
  if (!selector) return () => true;
  const predicates = splitTerms(selector).map((term): Predicate => {
    const m = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!m) throw new InvalidSelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    const read = (d: DeploymentObject) => {
      if (field === "metadata.name") return d.metadata.name;
      if (field === "metadata.namespace") return d.metadata.namespace;
      throw new InvalidSelectorError(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    };
    return op === "!=" ? (d) => read(d) !== value : (d) => read(d) === value;
  });
  return (d) => predicates.every((p) => p(d));
}

export function parseLabelSelector(selector: string | undefined): Predicate {
  if (!selector) return () => true;
  const predicates = splitTerms(selector).map((term): Predicate => {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const [, key, op, list] = m as unknown as [string, string, string, string];
      const values = list.split(",").map((v) => v.trim());
      return op === "in" ? (d) => values.includes(d.metadata.labels[key] ?? "\0") : (d) => !values.includes(d.metadata.labels[key] ?? "\0");
    }
    m = /^([\w./-]+)\s*(==|!=|=)\s*([\w./-]*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return op === "!=" ? (d) => d.metadata.labels[key] !== value : (d) => d.metadata.labels[key] === value;
    }
    m = /^(!?)([\w./-]+)$/.exec(term);
    if (m) {
      const [, not, key] = m as unknown as [string, string, string];
      return not ? (d) => !(key in d.metadata.labels) : (d) => key in d.metadata.labels;
    }
    throw new InvalidSelectorError(`unable to parse requirement: ${term}`);
  });
  return (d) => predicates.every((p) => p(d));
}
