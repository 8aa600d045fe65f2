import type { TrytonClient, TrytonContext, TrytonValues } from './tryton.client';
import { TrytonError } from './tryton.errors';

/** What to do when the wizard shows a form: values over its defaults, then which button to press. */
export interface WizardAnswer {
  values?: TrytonValues;
  button: string;
}

export interface RunWizardOptions {
  /** The records the wizard acts on (active_model / active_id / active_ids in the context). */
  model?: string;
  ids?: readonly number[];
  /** One answer per form (StateView) name the wizard may show, e.g. { start: { button: 'choice' } }. */
  answers: Record<string, WizardAnswer>;
  context?: TrytonContext;
  /** Safety stop for wizards that loop on a form. */
  maxSteps?: number;
}

export interface WizardResult {
  /** The forms shown, in order, with the values sent back. */
  forms: Array<{ state: string; values: TrytonValues }>;
  /** Actions the wizard returned last (e.g. the credit note it opened: [action, { res_id: [ids] }]). */
  actions: unknown[];
}

interface WizardStep {
  view?: { state: string; defaults?: TrytonValues; fields_view?: { fields?: Record<string, unknown> } };
  actions?: unknown[];
}

/**
 * Runs a wizard like the desktop client does: create a session, execute its start state, answer each
 * form with all its fields (null when empty), its defaults (minus the 'field.' display keys, which the
 * server refuses) and our values,
 * press the given button, until it ends; the session is always deleted.
 */
export async function runWizard(client: TrytonClient, name: string, options: RunWizardOptions): Promise<WizardResult> {
  const context: TrytonContext = { ...options.context };
  if (options.model) {
    const ids = [...(options.ids ?? [])];
    Object.assign(context, { active_model: options.model, active_id: ids[0] ?? null, active_ids: ids });
  }
  const [sessionId, startState] = await client.call<[number, string, string]>(`wizard.${name}.create`, [], { context });
  const forms: WizardResult['forms'] = [];
  const data: Record<string, TrytonValues> = {};
  let state = startState;
  let actions: unknown[] = [];
  try {
    for (let step = 0; step < (options.maxSteps ?? 10); step++) {
      const result = await client.call<WizardStep>(`wizard.${name}.execute`, [sessionId, data, state], { context });
      actions = result.actions ?? actions;
      if (!result.view) return { forms, actions };
      const form = result.view.state;
      const answer = options.answers[form];
      if (!answer) {
        throw new TrytonError('user', `Wizard ${name} shows form "${form}" with no answer given`, {
          method: `wizard.${name}.execute`,
        });
      }
      // Every field of the form must be sent (null when empty): the server reads them all as attributes.
      const empty = Object.fromEntries(Object.keys(result.view.fields_view?.fields ?? {}).map((field) => [field, null]));
      const values = { ...empty, ...withoutDisplayKeys(result.view.defaults ?? {}), ...answer.values };
      data[form] = values;
      forms.push({ state: form, values });
      state = answer.button;
    }
    throw new TrytonError('server', `Wizard ${name} did not end within ${options.maxSteps ?? 10} steps`);
  } finally {
    await client.call(`wizard.${name}.delete`, [sessionId], { context }).catch(() => undefined);
  }
}

function withoutDisplayKeys(values: TrytonValues): TrytonValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !key.includes('.')));
}
