/**
 * Multi-step creations record each step as it succeeds, with how to undo it. When a later
 * step fails, the journal says what exists and can take it away again, newest first.
 */
export interface JournalEntry {
  /** What exists now, e.g. "IAM role Cognito_WebChatUnauth_Role". */
  readonly description: string;
  readonly undo: () => Promise<void>;
}

export interface RollbackResult {
  readonly removed: readonly string[];
  /** Steps whose undo failed: they still exist, with why. */
  readonly left: readonly { readonly description: string; readonly error: string }[];
}

export class Journal {
  private readonly entries: JournalEntry[] = [];

  /** Records a step that has just succeeded. */
  record(description: string, undo: () => Promise<void>): void {
    this.entries.push({ description, undo });
  }

  /** What the steps so far created, oldest first. */
  get created(): readonly string[] {
    return this.entries.map((entry) => entry.description);
  }

  /** Undoes every recorded step, newest first; an undo that fails is reported, the rest go on. */
  async rollback(): Promise<RollbackResult> {
    const removed: string[] = [];
    const left: { description: string; error: string }[] = [];
    while (this.entries.length > 0) {
      const entry = this.entries.pop()!;
      try {
        await entry.undo();
        removed.push(entry.description);
      } catch (error) {
        left.push({ description: entry.description, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { removed, left };
  }
}

/** A rollback's result in words: what was removed, and what is left for the user to delete. */
export function describeRollback(result: RollbackResult): string {
  const removed = result.removed.length > 0 ? `Rolled back: ${result.removed.join(', ')}.` : '';
  const left = result.left.length > 0 ? ` Could not remove ${result.left.map((l) => `${l.description} (${l.error})`).join(', ')}: delete it yourself.` : '';
  return `${removed}${left}`.trim();
}

/**
 * A multi-step creation failed at `step`; `created` still exists. The VS Code side offers a
 * one-click rollback through `journal`.
 */
export class PartialCreationError extends Error {
  override readonly name = 'PartialCreationError';
  constructor(
    readonly step: string,
    readonly journal: Journal,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const created = journal.created;
    super(created.length > 0 ? `Could not ${step}: ${reason} Already created: ${created.join(', ')}.` : `Could not ${step}: ${reason}`);
  }
}
