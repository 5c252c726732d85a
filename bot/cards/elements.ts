import type { Verb } from './verbs';

/*
 * A small typed builder for the Adaptive Card 1.5 elements Kansrijk uses. Cards are plain JSON
 * in the end; the types keep every input labelled and every Action.Execute on a known verb.
 */
export type Json = Record<string, unknown>;
export type Element = Json & { type: string };

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams refuses messages over about 28 KB; cards are kept well under it. */
export const MAX_MESSAGE_BYTES = 28 * 1024;

export interface Card extends Json {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Element[];
  actions?: Element[];
  refresh?: { action: Element; userIds: string[] };
}

export function card(body: (Element | false | undefined)[], options: { actions?: Element[]; refresh?: { action: Element; userIds: string[] } } = {}): Card {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body: body.filter((e): e is Element => Boolean(e)),
    ...(options.actions?.length ? { actions: options.actions } : {}),
    ...(options.refresh ? { refresh: options.refresh } : {}),
    // Teams-only hint; other hosts ignore unknown properties.
    msteams: { width: 'Full' },
  };
}

export function text(value: string, options: { size?: 'small' | 'medium' | 'large'; weight?: 'bolder'; color?: 'attention' | 'good' | 'warning' | 'accent'; isSubtle?: boolean; id?: string; spacing?: 'none' | 'small' | 'medium' } = {}): Element {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function facts(items: [string, string][]): Element {
  return { type: 'FactSet', facts: items.map(([title, value]) => ({ title, value })) };
}

export function container(items: Element[], options: { style?: 'good' | 'attention' | 'warning' | 'emphasis' | 'accent'; id?: string; separator?: boolean } = {}): Element {
  return { type: 'Container', items, ...options };
}

export function fieldError(inputId: string, message: string | undefined): Element | false {
  // Shown right under its input, in the attention colour, so the user sees what to fix where.
  return message ? text(message, { color: 'attention', size: 'small', id: `${inputId}Error`, spacing: 'none' }) : false;
}

export function choiceSet(options: { id: string; label: string; value?: string | undefined; choices: { title: string; value: string }[]; isRequired?: boolean; errorMessage?: string }): Element {
  return {
    type: 'Input.ChoiceSet',
    id: options.id,
    label: options.label,
    style: 'compact',
    choices: options.choices,
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.isRequired ? { isRequired: true, errorMessage: options.errorMessage } : {}),
  };
}

export function textInput(options: { id: string; label: string; value?: string | undefined; placeholder?: string; maxLength?: number; isMultiline?: boolean }): Element {
  return {
    type: 'Input.Text',
    id: options.id,
    label: options.label,
    ...(options.value ? { value: options.value } : {}),
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
    ...(options.maxLength ? { maxLength: options.maxLength } : {}),
    ...(options.isMultiline ? { isMultiline: true } : {}),
  };
}

export function dateInput(options: { id: string; label: string; value?: string | null | undefined }): Element {
  return { type: 'Input.Date', id: options.id, label: options.label, ...(options.value ? { value: options.value } : {}) };
}

/**
 * Universal Actions' Action.Execute, with an Action.Submit fallback for Teams clients that
 * predate it (Microsoft's advice for Teams).
 */
export function execute(verb: Verb, title: string, data: Json, options: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none' } = {}): Element {
  const payload = { ...data, verb };
  return {
    type: 'Action.Execute',
    verb,
    title,
    data: payload,
    ...options,
    fallback: { type: 'Action.Submit', title, data: payload, ...(options.associatedInputs ? { associatedInputs: options.associatedInputs } : {}) },
  };
}

export function actionSet(actions: Element[]): Element {
  return { type: 'ActionSet', actions };
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Splits cards into messages that each stay under Teams' size limit (and at most `perMessage`
 * cards, so a carousel stays usable).
 */
export function packCards(cards: Card[], perMessage = 6, limit = MAX_MESSAGE_BYTES - 2048): Card[][] {
  const messages: Card[][] = [];
  let current: Card[] = [];
  let size = 0;
  for (const c of cards) {
    const bytes = byteSize(c);
    if (current.length && (current.length >= perMessage || size + bytes > limit)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(c);
    size += bytes;
  }
  if (current.length) messages.push(current);
  return messages;
}

export function numberInput(options: { id: string; label: string; value?: number | undefined; min?: number; max?: number; isRequired?: boolean; errorMessage?: string }): Element {
  return {
    type: 'Input.Number',
    id: options.id,
    label: options.label,
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.min !== undefined ? { min: options.min } : {}),
    ...(options.max !== undefined ? { max: options.max } : {}),
    ...(options.isRequired ? { isRequired: true, errorMessage: options.errorMessage } : {}),
  };
}
