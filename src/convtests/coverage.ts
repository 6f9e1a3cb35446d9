import type { ConversationResult } from './run';

// Which intents and slots of the bot a run exercised: an intent when some turn was in it, a
// slot when some turn of its intent filled it. What no test reaches is where the next test goes.

/** The bot's intents and their slots (Lex Models V2's ListIntents and ListSlots, or the sandbox's export). */
export interface BotOutline {
  readonly intents: readonly { readonly name: string; readonly slots: readonly string[] }[];
}

export interface IntentCoverage {
  readonly name: string;
  readonly exercised: boolean;
  readonly slots: readonly { readonly name: string; readonly exercised: boolean }[];
}

export interface Coverage {
  readonly intents: readonly IntentCoverage[];
  /** Intents no conversation reached, by name. */
  readonly untested: readonly string[];
  readonly intentsExercised: number;
  readonly slotsExercised: number;
  readonly slotsTotal: number;
}

export function coverageOf(outline: BotOutline, results: readonly ConversationResult[]): Coverage {
  const observations = results.flatMap((r) => r.turns.flatMap((t) => (t.observation ? [t.observation] : [])));
  const intents = outline.intents.map((intent): IntentCoverage => {
    const inIntent = observations.filter((o) => o.intent === intent.name);
    return {
      name: intent.name,
      exercised: inIntent.length > 0,
      slots: intent.slots.map((slot) => ({ name: slot, exercised: inIntent.some((o) => (o.slots[slot] ?? null) !== null) })),
    };
  });
  const slots = intents.flatMap((i) => i.slots);
  return {
    intents,
    untested: intents.filter((i) => !i.exercised).map((i) => i.name),
    intentsExercised: intents.filter((i) => i.exercised).length,
    slotsExercised: slots.filter((s) => s.exercised).length,
    slotsTotal: slots.length,
  };
}

/** The coverage as a few lines of text: the totals, then each intent with its slots. */
export function describeCoverage(botLabel: string, coverage: Coverage): string {
  const lines = [
    `Coverage of ${botLabel}: ${coverage.intentsExercised} of ${coverage.intents.length} intents, ${coverage.slotsExercised} of ${coverage.slotsTotal} slots exercised.`,
  ];
  if (coverage.untested.length > 0) lines.push(`No test reaches: ${coverage.untested.join(', ')}.`);
  for (const intent of coverage.intents) {
    const slots = intent.slots.map((s) => `${s.exercised ? '✓' : '✗'} ${s.name}`).join(', ');
    lines.push(`  ${intent.exercised ? '✓' : '✗'} ${intent.name}${slots ? `  (${slots})` : ''}`);
  }
  return lines.join('\n');
}
