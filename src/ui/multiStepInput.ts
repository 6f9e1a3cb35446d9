import * as vscode from 'vscode';

/**
 * A multi-step quick input with a back button, after VS Code's own sample: each step is a
 * function that asks one thing and returns the next step. Back re-runs the previous step with
 * what was entered; Escape cancels the whole wizard (a CancellationError).
 */
export type Step<S> = (input: MultiStepInput, state: S) => Promise<Step<S> | undefined>;

class BackSignal extends Error {}

export interface InputBoxOptions {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly value: string;
  readonly prompt: string;
  readonly placeholder?: string;
  /** Runs as the user types; a message blocks Enter. */
  readonly validate: (value: string) => string | undefined;
}

export interface QuickPickOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly placeholder: string;
  /** A promise shows the pick at once, busy, and fills it when the items arrive. */
  readonly items: readonly T[] | Promise<readonly T[]>;
  readonly canSelectMany?: boolean;
  readonly selected?: readonly T[];
  /** For multi-select: a message when the selection is not acceptable. */
  readonly validateSelection?: (items: readonly T[]) => string | undefined;
}

/** "(2/3)" beside the title; a flow that asks one thing shows none. */
function stepOf(options: { step: number; totalSteps: number }): { step?: number; totalSteps?: number } {
  return options.totalSteps > 1 ? { step: options.step, totalSteps: options.totalSteps } : {};
}

export class MultiStepInput {
  private readonly history: Step<unknown>[] = [];
  private current?: vscode.QuickInput;

  static async run<S>(first: Step<S>, state: S): Promise<S> {
    const input = new MultiStepInput();
    await input.stepThrough(first as Step<unknown>, state);
    return state;
  }

  private async stepThrough(first: Step<unknown>, state: unknown): Promise<void> {
    let step: Step<unknown> | undefined = first;
    try {
      while (step) {
        this.history.push(step);
        try {
          step = await step(this, state);
        } catch (error) {
          if (!(error instanceof BackSignal)) throw error;
          this.history.pop();
          step = this.history.pop();
        }
      }
    } finally {
      this.current?.dispose();
    }
  }

  private show(input: vscode.QuickInput): void {
    this.current?.dispose();
    this.current = input;
    input.show();
  }

  async inputBox(options: InputBoxOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    Object.assign(box, {
      title: options.title,
      ...stepOf(options),
      value: options.value,
      prompt: options.prompt,
      placeholder: options.placeholder,
      ignoreFocusOut: true,
    });
    box.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    // An empty box shows its prompt, not a complaint; typing validates.
    box.validationMessage = options.value ? options.validate(options.value) : undefined;
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<string>((resolve, reject) => {
        disposables.push(
          box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && reject(new BackSignal())),
          box.onDidChangeValue((value) => (box.validationMessage = options.validate(value))),
          box.onDidAccept(() => {
            const problem = options.validate(box.value);
            box.validationMessage = problem;
            if (!problem) resolve(box.value);
          }),
          box.onDidHide(() => reject(new vscode.CancellationError())),
        );
        this.show(box);
      });
    } finally {
      for (const d of disposables) d.dispose();
    }
  }

  async quickPick<T extends vscode.QuickPickItem>(options: QuickPickOptions<T>): Promise<readonly T[]> {
    const pick = vscode.window.createQuickPick<T>();
    Object.assign(pick, {
      title: options.title,
      ...stepOf(options),
      placeholder: options.placeholder,
      canSelectMany: options.canSelectMany ?? false,
      ignoreFocusOut: true,
      matchOnDescription: true,
    });
    const fill = (items: readonly T[]) => {
      pick.items = items;
      // A single pick shows its previous choice (after Back) as the active item; Enter takes it.
      if (options.selected) {
        if (options.canSelectMany) pick.selectedItems = options.selected;
        else pick.activeItems = options.selected;
      }
    };
    if (Array.isArray(options.items)) {
      fill(options.items as readonly T[]);
    } else {
      pick.busy = true;
      void (options.items as Promise<readonly T[]>)
        .then(fill, (error: unknown) => {
          pick.placeholder = vscode.l10n.t('Could not list them: {0}', error instanceof Error ? error.message : String(error));
        })
        .finally(() => (pick.busy = false));
    }
    pick.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<readonly T[]>((resolve, reject) => {
        disposables.push(
          pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && reject(new BackSignal())),
          pick.onDidAccept(() => {
            const chosen = options.canSelectMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
            const problem = options.validateSelection?.(chosen) ?? (chosen.length === 0 && !options.canSelectMany ? vscode.l10n.t('Pick one.') : undefined);
            if (problem) {
              pick.placeholder = problem;
              return;
            }
            resolve(chosen);
          }),
          pick.onDidHide(() => reject(new vscode.CancellationError())),
        );
        this.show(pick);
      });
    } finally {
      for (const d of disposables) d.dispose();
    }
  }
}
