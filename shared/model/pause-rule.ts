import { normalizeFieldName } from './field-roles';

/**
 * Where a ticket's waits for the customer are recorded: a status events table whose rows point at
 * tickets. A wait starts at an event whose status is one of `statuses` and ends at the ticket's
 * next event, or at its end when no event follows; the service clock (SLA, resolution in business
 * hours) stops while it lasts. Waits count only within the ticket's life (creation to end).
 */
export interface PauseRule {
  /** The status events table. */
  readonly table: string;
  /** Its field holding the ticket's key (role ticket_id). */
  readonly keyField: string;
  /** Its field holding when the event happened (role event_at). */
  readonly timeField: string;
  /** Its field holding the status or event (role event_type). */
  readonly statusField: string;
  /** The statuses that mean "waiting for the customer", as the data writes them. */
  readonly statuses: readonly string[];
}

/** The pause rule of a ticket table as metrics use it: the rule, and the tickets' key field it joins on. */
export interface PauseSource {
  readonly rule: PauseRule;
  readonly ticketKey: string;
}

/** The workbench's pause rule: confirmed by a person, suggested from the data, or turned off. */
export interface PauseModel {
  /** The rule metrics use; undefined when there is none or it is turned off. */
  readonly rule: PauseRule | undefined;
  readonly source: 'confirmed' | 'suggested' | 'off' | 'none';
  /** The statuses the events table holds (up to 200 of the most frequent), to choose from. */
  readonly statusValues: readonly string[];
}

/** Statuses that mean the ticket waits for the customer, compared after `normalizeFieldName`. */
export const PAUSE_STATUS_SYNONYMS: readonly string[] = [
  'pendingcustomer',
  'pendingoncustomer',
  'pendingcustomerreply',
  'waitingoncustomer',
  'waitingforcustomer',
  'awaitingcustomer',
  'awaitingcustomerreply',
  'customerpending',
  'onhold',
  'hold',
  '等待客户',
  '等待客户回复',
  '等待客户反馈',
  '等待客户确认',
  '待客户回复',
  '待客户反馈',
  '待客户确认',
  '客户待反馈',
  '挂起',
  '暂停',
];

const CJK = /\p{Script=Han}/u;

/** The values of a status field that mean a wait for the customer. */
export function suggestPauseStatuses(values: readonly string[]): string[] {
  return values.filter((value) => {
    const normalized = normalizeFieldName(value);
    // a longer value may contain a status word, but short Latin words (hold) are found in too many
    return normalized !== '' && PAUSE_STATUS_SYNONYMS.some((synonym) => normalized === synonym || ((CJK.test(synonym) || synonym.length >= 8) && normalized.includes(synonym)));
  });
}
