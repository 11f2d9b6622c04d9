/**
 * One load for everyone who asks about the same thing at the same moment. A load is keyed (an incident's view, its
 * latest events) and stamped with the audit cursor read before it started: it saw every change up to that cursor. A
 * request joins it if the request knows of no newer change (its own cursor, read first, is no newer) and the load is
 * still running or ended less than `keepMs` ago; otherwise it starts a fresh load. So nobody is answered with a state
 * from before the change that made them ask, and what the audit trail does not carry (an operation's progress text)
 * is at most `keepMs` old. A failed load is not kept: the next request tries again.
 */
export class ShareByCursor<T> {
  private readonly entries = new Map<string, { cursor: bigint; value: Promise<T>; settledAt: number | null }>();

  constructor(private readonly options: { keepMs: number; now?: () => number }) {}

  get(key: string, cursor: bigint, load: () => Promise<T>): Promise<T> {
    const now = this.options.now ?? Date.now;
    const found = this.entries.get(key);
    if (found && found.cursor >= cursor && (found.settledAt === null || now() - found.settledAt < this.options.keepMs)) return found.value;
    const entry = { cursor, value: load(), settledAt: null as number | null };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then(
      () => {
        entry.settledAt = now();
        setTimeout(forget, this.options.keepMs).unref?.();
      },
      forget,
    );
    return entry.value;
  }
}
