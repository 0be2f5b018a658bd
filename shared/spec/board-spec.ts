import type { MetricDirection } from '../metrics/metric-definition';
import type { ExplainFilter, ExplainPeriod } from './explain-spec';

/**
 * A root-cause board: a problem stated as a metric of the catalogue in a scope and two periods, a
 * fishbone of causes on category bones, 5-Why chains from causes down to root causes, evidence on
 * any node, and the actions taken. The whole board is one JSON document (saved with every change;
 * each save is a revision in the board's history). Ids are short strings unique within the board.
 */
export interface BoardProblem {
  readonly metric: string;
  /** The table the metric is computed on; absent: the first table with the metric's roles. */
  readonly table?: string | undefined;
  /** The scope: rows kept by every filter. */
  readonly filters: readonly ExplainFilter[];
  /** Before. */
  readonly periodA: ExplainPeriod;
  /** After: the period the problem is seen in. */
  readonly periodB: ExplainPeriod;
}

/** The six default bones (人 机 料 法 环 测); a renamed or added bone carries its own label. */
export type DefaultCategory = 'people' | 'machine' | 'material' | 'method' | 'environment' | 'measurement';

export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = ['people', 'machine', 'material', 'method', 'environment', 'measurement'];

export interface BoardCategory {
  readonly id: string;
  /** A default bone shows its name in the reader's language until it is renamed. */
  readonly key?: DefaultCategory | undefined;
  /** The user's own name; overrides the default name. */
  readonly label?: string | undefined;
}

export type CauseStatus = 'hypothesis' | 'supported' | 'rejected' | 'root-cause';

export const CAUSE_STATUSES: readonly CauseStatus[] = ['hypothesis', 'supported', 'rejected', 'root-cause'];

/** A segment of the problem's scope (every filter holds), e.g. 渠道 = 电话 and 区域 = 四川. */
export type Segment = readonly ExplainFilter[];

/** Numbers frozen when the evidence was attached, so the board still says what the team saw. */
export interface EvidenceSnapshot {
  readonly takenAt: string;
  /** The metric in the segment in periods A and B, with their n. */
  readonly a: number | null;
  readonly b: number | null;
  readonly nA: number;
  readonly nB: number;
  /** The segment's part of the scope's change (rate + mix), and that part over the change. */
  readonly effect: number | null;
  readonly share: number | null;
  /** Two-sided p-value of the segment's own change, null when it cannot be tested. */
  readonly pValue: number | null;
  /** The metric in the segment per bucket over both periods, for a sparkline. */
  readonly series: readonly { readonly bucket: string; readonly value: number | null; readonly n: number }[];
}

export type Evidence =
  | {
      readonly id: string;
      readonly kind: 'segment';
      /** The query behind the numbers: the board's metric in this segment of its scope. */
      readonly segment: Segment;
      readonly snapshot: EvidenceSnapshot;
    }
  | {
      readonly id: string;
      readonly kind: 'chart';
      readonly chartId: number;
      /** The chart's name when it was attached. */
      readonly title: string;
      /** Up to 200 rows of its result when it was attached. */
      readonly columns: readonly string[];
      readonly rows: readonly (readonly (string | number | null)[])[];
      readonly takenAt: string;
    }
  | { readonly id: string; readonly kind: 'note'; readonly text: string }
  | {
      readonly id: string;
      readonly kind: 'image';
      /** rw_board_attachments.id */
      readonly attachmentId: number;
      readonly name: string;
    };

/** Where a candidate cause came from: the change explainer's finding it was dropped from. */
export interface CauseOrigin {
  readonly segment: Segment;
  readonly share: number | null;
}

export interface BoardCause {
  readonly id: string;
  readonly categoryId: string;
  /** A sub-cause hangs off its parent cause (on the parent's bone). */
  readonly parentId: string | null;
  readonly text: string;
  readonly status: CauseStatus;
  /** Votes or weight from a meeting. */
  readonly votes: number;
  readonly collapsed?: boolean | undefined;
  readonly origin?: CauseOrigin | undefined;
  readonly evidence: readonly Evidence[];
}

export interface WhyStep {
  readonly id: string;
  /** The answer to "why?" about the step above (the cause for the first step). */
  readonly answer: string;
  readonly status: CauseStatus;
  readonly evidence: readonly Evidence[];
}

/** A 5-Why chain from a cause down to a root cause (its last step, marked root-cause). */
export interface WhyChain {
  readonly id: string;
  readonly causeId: string;
  readonly steps: readonly WhyStep[];
}

export type ActionKind = 'corrective' | 'preventive';
export type ActionStatus = 'open' | 'in-progress' | 'done' | 'cancelled';

export interface BoardAction {
  readonly id: string;
  readonly kind: ActionKind;
  readonly title: string;
  readonly owner: string;
  /** YYYY-MM-DD */
  readonly due: string | null;
  /** The day the action took effect: the follow-up compares before and after it. */
  readonly effectiveFrom: string | null;
  readonly status: ActionStatus;
  /** The cause or 5-Why step it addresses. */
  readonly addresses: string | null;
  /** The metric it should move (default the board's). */
  readonly metric: string;
}

export interface BoardSpec {
  readonly version: 1;
  readonly problem: BoardProblem;
  readonly categories: readonly BoardCategory[];
  readonly causes: readonly BoardCause[];
  readonly chains: readonly WhyChain[];
  readonly actions: readonly BoardAction[];
}

export interface SavedBoard {
  readonly id: number;
  readonly name: string;
  readonly spec: BoardSpec;
  /** Increases by one with every save. */
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface BoardSummary {
  readonly id: number;
  readonly name: string;
  readonly metric: string;
  readonly causes: number;
  readonly actions: number;
  readonly revision: number;
  readonly updatedAt: string;
}

/** One saved revision of a board, newest first in a history. */
export interface BoardRevision {
  readonly revision: number;
  readonly savedAt: string;
  /** What changed, as the editor named it (e.g. "cause added"). */
  readonly summary: string;
}

/** Revisions a board keeps in its history; older ones are dropped as new ones are saved. */
export const MAX_BOARD_REVISIONS = 500;

/** The largest image that can be attached to a board as evidence. */
export const MAX_BOARD_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The image formats a board accepts as attachments (recognised from the bytes, not the name). */
export type BoardImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** An image stored with a board (rw_board_attachments), referred to by image evidence. */
export interface BoardAttachment {
  readonly id: number;
  readonly name: string;
  readonly mime: BoardImageMime;
  /** Bytes. */
  readonly size: number;
}

/** A new board's spec: the problem with the six default bones and nothing on them. */
export function newBoardSpec(problem: BoardProblem): BoardSpec {
  return {
    version: 1,
    problem,
    categories: DEFAULT_CATEGORIES.map((key) => ({ id: key, key })),
    causes: [],
    chains: [],
    actions: [],
  };
}

/** The numbers behind a segment of a board's problem, frozen as evidence. */
export interface SegmentSnapshotRequest {
  readonly problem: BoardProblem;
  /** Empty: the whole scope. */
  readonly segment: Segment;
  /** Sparkline buckets (default: week when both periods together span ≤ 26 weeks, else month). */
  readonly grain?: 'day' | 'week' | 'month' | undefined;
}

/** Did an action move its metric? Before and after the day it took effect, in the board's scope. */
export interface ActionFollowUpRequest {
  readonly table?: string | undefined;
  readonly metric: string;
  readonly filters: readonly ExplainFilter[];
  /** YYYY-MM-DD: the first day of "after". */
  readonly effectiveFrom: string;
  /** Days compared on each side (default 28; "after" ends at the data's last day when shorter). */
  readonly days?: number | undefined;
  readonly grain?: 'day' | 'week' | undefined;
}

/** Days compared on each side of an action by default, and at most. */
export const FOLLOW_UP_DEFAULT_DAYS = 28;
export const FOLLOW_UP_MAX_DAYS = 366;

export type FollowUpVerdict = 'improved' | 'worsened' | 'no-change' | 'too-early' | 'no-data';

export interface ActionFollowUp {
  readonly metric: { readonly id: string; readonly direction: MetricDirection };
  readonly before: { readonly from: string; readonly to: string; readonly value: number | null; readonly n: number };
  readonly after: { readonly from: string; readonly to: string; readonly value: number | null; readonly n: number };
  readonly delta: number | null;
  /** The test of after against before (as the explainer tests a change); null when it cannot be tested. */
  readonly pValue: number | null;
  readonly significant: boolean;
  /** Per bucket over both windows, for the control chart. */
  readonly series: readonly { readonly bucket: string; readonly value: number | null; readonly n: number; readonly phase: 'before' | 'after' }[];
  /** Centre line and ±3σ limits from the "before" buckets (null when fewer than 2 buckets hold data). */
  readonly control: { readonly mean: number; readonly upper: number; readonly lower: number } | null;
  /** "After" buckets beyond a limit (in either direction). */
  readonly outside: number;
  /** improved / worsened: significant and in that direction; too-early: "after" has fewer than 7 days of data or n < 30. */
  readonly verdict: FollowUpVerdict;
}
