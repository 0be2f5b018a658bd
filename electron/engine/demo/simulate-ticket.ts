import {
  CUTOFF_SECOND,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
} from './demo-calendar';
import { type DemoCustomers } from './demo-customers';
import {
  IVR_CHANGE_DAY,
  LAUNCH_DAY,
  PHONE_TRANSFER_RATE_AFTER,
  PHONE_TRANSFER_RATE_BEFORE,
  SICHUAN_LOGISTICS_CSAT_MEAN,
  SICHUAN_LOGISTICS_DAY,
  SICHUAN_LOGISTICS_RESOLUTION_FACTOR,
  STAFFING_CHANGE_AGENTS_LEFT,
  STAFFING_CHANGE_DAY,
  STAFFING_CHANGE_FRT_FACTOR,
} from './demo-patterns';
import { CAUSE, type DemoTimeline } from './demo-timeline';
import {
  CATEGORY,
  CATEGORY_CSAT_SHIFT,
  CATEGORY_REOPEN_RATE,
  CATEGORY_RESOLUTION_MEDIAN_HOURS,
  CATEGORY_WEIGHTS,
  CHANNEL,
  CHANNEL_FRT_MEDIAN_MINUTES,
  CHANNEL_SURVEY_RESPONSE_RATE,
  CHANNEL_TRANSFER_RATE,
  CHANNEL_WAITS_FOR_OFFICE_HOURS,
  CHANNEL_WEIGHTS,
  ENTERPRISE_CHANNEL_WEIGHTS,
  NEGATIVE_COMMENTS,
  NEUTRAL_COMMENTS,
  POSITIVE_COMMENTS,
  PRIORITY_FRT_FACTOR,
  PRIORITY_RESOLUTION_FACTOR,
  PRIORITY_WEIGHTS,
  PRODUCT,
  PRODUCT_WEIGHTS,
  REGION_SICHUAN,
  REGION_TABLE,
  SEGMENT,
  SICHUAN_LOGISTICS_COMMENTS,
  STATUS,
  TEAM,
  TEAM_AGENTS,
} from './demo-vocabulary';
import { SeededRandom, STREAM, WeightedChoice } from './seeded-random';

/** Everything the demo tables are derived from. */
export interface DemoWorld {
  readonly seed: number;
  readonly ticketCount: number;
  readonly timeline: DemoTimeline;
  readonly customers: DemoCustomers;
}

const HOUR = SECONDS_PER_HOUR;
const FRT_SIGMA = 0.85;
const OFFICE_OPENS = 8.5 * HOUR;
const OFFICE_CLOSES = 21 * HOUR;
const FIRST_RESPONSE_NOT_LOGGED = 0.012;
const STUCK_FOREVER = 0.008;
const PENDING_CUSTOMER = 0.17;
const SURVEY_SENT = 0.92;
const CSAT_BASE = 4.6;
const CSAT_SIGMA = 0.95;
const FOLLOW_UP_CALL = 0.1;
const FOLLOW_UP_CALL_AFTER_REOPEN = 0.35;
const CALL_WITHOUT_TICKET = 0.12;

const channels = new WeightedChoice(CHANNEL_WEIGHTS);
const enterpriseChannels = new WeightedChoice(ENTERPRISE_CHANNEL_WEIGHTS);
const categories = new WeightedChoice(CATEGORY_WEIGHTS);
const productsBeforeLaunch = new WeightedChoice(PRODUCT_WEIGHTS.map((w, i) => (i === PRODUCT.lockX2 ? 0 : w)));
const productsAfterLaunch = new WeightedChoice(PRODUCT_WEIGHTS);
const priorities = new WeightedChoice(PRIORITY_WEIGHTS);

/** Agents on duty in `team` on `day`. */
export function rosterOf(team: number, day: number): readonly string[] {
  const agents = TEAM_AGENTS[team]!;
  return team === TEAM.eastTwo && day >= STAFFING_CHANGE_DAY ? agents.slice(0, STAFFING_CHANGE_AGENTS_LEFT) : agents;
}
const rosters = TEAM_AGENTS.map((_, team) => [rosterOf(team, 0), rosterOf(team, STAFFING_CHANGE_DAY)] as const);

export function onDutyAgent(team: number, day: number, random: SeededRandom): string {
  const [before, after] = rosters[team]!;
  return random.pick(day >= STAFFING_CHANGE_DAY ? after : before);
}

/** Share of answered phone calls (and of phone tickets) transferred at least once on `day`. */
export function phoneTransferRate(day: number): number {
  return day >= IVR_CHANGE_DAY ? PHONE_TRANSFER_RATE_AFTER : PHONE_TRANSFER_RATE_BEFORE;
}

function clampRound(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** The life of one ticket. Times are seconds from 2024-01-01 00:00:00, -1 when the moment has not
 * happened by the export. Reused from ticket to ticket, so copy values out before the next one. */
export class TicketCore {
  index = 0;
  cause = 0;
  createdSecond = 0;
  day = 0;
  customer = 0;
  region = 0;
  segment = 0;
  channel = 0;
  category = 0;
  product = 0;
  priority = 0;
  team = 0;
  agent = '';
  assignedSecond = 0;
  firstResponseSecond = -1;
  transferCount = 0;
  readonly transferSeconds = new Float64Array(3);
  pendingSecond = -1;
  /** resolveSeconds[k] ends the k-th round of work; reopenSeconds[k] starts the next one. */
  resolveCount = 0;
  readonly resolveSeconds = new Float64Array(3);
  reopenCount = 0;
  readonly reopenSeconds = new Float64Array(2);
  closedSecond = -1;
  status = 0;
  surveySentSecond = -1;
  respondedSecond = -1;
  csat = -1;
  nps = -1;
  ces = -1;
  comment: string | null = null;
  linkedCalls = 0;
  callsWithoutTicket = 0;

  /** The current resolution, or -1 while the ticket is open. */
  get resolvedSecond(): number {
    return this.resolveCount > this.reopenCount ? this.resolveSeconds[this.resolveCount - 1]! : -1;
  }

  get eventCount(): number {
    return (
      2 +
      (this.firstResponseSecond >= 0 ? 1 : 0) +
      this.transferCount +
      (this.pendingSecond >= 0 ? 1 : 0) +
      this.resolveCount +
      this.reopenCount +
      (this.closedSecond >= 0 ? 1 : 0)
    );
  }
}

/** Simulates ticket i from its own random stream, so any ticket can be simulated on its own. */
export class TicketSimulator {
  private readonly random = new SeededRandom();

  constructor(private readonly world: DemoWorld) {}

  simulate(index: number, t: TicketCore): void {
    const r = this.random;
    const { customers, timeline } = this.world;
    r.reseed(this.world.seed, index, STREAM.ticket);
    t.index = index;

    const created = timeline.createdSecond(index, this.world.ticketCount, r.next());
    const day = Math.floor(created / SECONDS_PER_DAY);
    t.createdSecond = created;
    t.day = day;
    t.cause = timeline.cause(day, r.next());

    t.customer =
      t.cause === CAUSE.sichuanLogistics
        ? customers.pickInRegion(day, REGION_SICHUAN, r)
        : customers.pick(day, r.next());
    t.region = customers.region[t.customer]!;
    t.segment = customers.segment[t.customer]!;
    t.channel = (t.segment === SEGMENT.enterprise ? enterpriseChannels : channels).pick(r.next());

    if (t.cause === CAUSE.launchWave) t.category = CATEGORY.usage;
    else if (t.cause === CAUSE.everyday) t.category = categories.pick(r.next());
    else t.category = CATEGORY.logistics;
    t.product =
      t.cause === CAUSE.launchWave
        ? PRODUCT.lockX2
        : (day >= LAUNCH_DAY ? productsAfterLaunch : productsBeforeLaunch).pick(r.next());

    let priority = priorities.pick(r.next());
    if (t.segment === SEGMENT.vip && priority > 0 && r.chance(0.5)) priority--;
    if (t.category === CATEGORY.complaint && priority > 1 && r.chance(0.3)) priority = 1;
    t.priority = priority;

    const technical = t.category === CATEGORY.usage || t.category === CATEGORY.quality;
    let team = REGION_TABLE[t.region]![2];
    if (technical && priority <= 1 && r.chance(0.35)) team = TEAM.secondLine;
    else if (team === TEAM.eastOne && r.chance(0.5)) team = TEAM.eastTwo;
    t.team = team;
    t.agent = onDutyAgent(team, day, r);
    t.assignedSecond = created + Math.floor(r.between(5, 180));

    const workStart = this.respond(t, r);
    this.work(t, r, workStart);
    this.survey(t, r);

    t.linkedCalls =
      t.channel === CHANNEL.phone
        ? 1 + (r.chance(t.reopenCount > 0 ? FOLLOW_UP_CALL_AFTER_REOPEN : FOLLOW_UP_CALL) ? 1 : 0)
        : 0;
    t.callsWithoutTicket = r.chance(CALL_WITHOUT_TICKET) ? 1 : 0;
  }

  /** Sets the first response and the transfers; returns when the actual work on the ticket starts. */
  private respond(t: TicketCore, r: SeededRandom): number {
    let median = CHANNEL_FRT_MEDIAN_MINUTES[t.channel]! * 60 * PRIORITY_FRT_FACTOR[t.priority]!;
    if (t.team === TEAM.secondLine) median *= 1.5;
    if (t.team === TEAM.eastTwo && t.day >= STAFFING_CHANGE_DAY) median *= STAFFING_CHANGE_FRT_FACTOR;
    let start = t.createdSecond;
    const timeOfDay = start - t.day * SECONDS_PER_DAY;
    if (CHANNEL_WAITS_FOR_OFFICE_HOURS[t.channel]) {
      if (timeOfDay < OFFICE_OPENS) start = t.day * SECONDS_PER_DAY + OFFICE_OPENS;
      else if (timeOfDay >= OFFICE_CLOSES) start = (t.day + 1) * SECONDS_PER_DAY + OFFICE_OPENS;
    }
    const response = Math.max(start + r.logNormal(median, FRT_SIGMA), t.assignedSecond + 15);
    const logged = !r.chance(FIRST_RESPONSE_NOT_LOGGED);
    t.firstResponseSecond = logged && response <= CUTOFF_SECOND ? response : -1;

    const transferRate =
      t.channel === CHANNEL.phone ? phoneTransferRate(t.day) : CHANNEL_TRANSFER_RATE[t.channel]!;
    const planned = r.chance(transferRate) ? (r.chance(0.15) ? (r.chance(0.25) ? 3 : 2) : 1) : 0;
    // a phone ticket is transferred while the caller is still on the line
    let at = t.channel === CHANNEL.phone ? t.assignedSecond : response;
    t.transferCount = 0;
    for (let k = 0; k < planned; k++) {
      at += t.channel === CHANNEL.phone && k === 0 ? r.between(60, 300) : r.logNormal(2 * HOUR, 0.9);
      t.transferSeconds[k] = at;
      if (at <= CUTOFF_SECOND) t.transferCount++;
    }
    return Math.max(response, at);
  }

  private work(t: TicketCore, r: SeededRandom, workStart: number): void {
    const sichuanLogistics =
      t.region === REGION_SICHUAN && t.category === CATEGORY.logistics && t.day >= SICHUAN_LOGISTICS_DAY;
    const medianHours =
      CATEGORY_RESOLUTION_MEDIAN_HOURS[t.category]! *
      PRIORITY_RESOLUTION_FACTOR[t.priority]! *
      (sichuanLogistics ? SICHUAN_LOGISTICS_RESOLUTION_FACTOR : 1);
    let work = r.logNormal(medianHours * HOUR, 1) + t.transferCount * r.logNormal(3 * HOUR, 0.8);
    t.pendingSecond = -1;
    if (r.chance(PENDING_CUSTOMER)) {
      const pendingAt = workStart + work * r.between(0.2, 0.7);
      t.pendingSecond = pendingAt <= CUTOFF_SECOND ? pendingAt : -1;
      work += r.logNormal(20 * HOUR, 0.9);
    }
    const stuck = r.chance(STUCK_FOREVER);
    const reopenRate = CATEGORY_REOPEN_RATE[t.category]! * (t.transferCount > 0 ? 1.5 : 1);
    const plannedReopens = r.chance(reopenRate) ? (r.chance(0.2) ? 2 : 1) : 0;

    t.resolveCount = 0;
    t.reopenCount = 0;
    let at = workStart + work;
    for (let round = 0; !stuck && round <= plannedReopens; round++) {
      if (round > 0) {
        at += r.logNormal(30 * HOUR, 0.8);
        if (at > CUTOFF_SECOND) break;
        t.reopenSeconds[round - 1] = at;
        t.reopenCount++;
        at += r.logNormal(10 * HOUR, 1);
      }
      if (at > CUTOFF_SECOND) break;
      t.resolveSeconds[round] = at;
      t.resolveCount++;
    }

    const resolved = t.resolvedSecond;
    const closeDelay = r.chance(0.35) ? r.logNormal(5 * HOUR, 1) : 72 * HOUR;
    t.closedSecond = resolved >= 0 && resolved + closeDelay <= CUTOFF_SECOND ? resolved + closeDelay : -1;
    if (t.closedSecond >= 0) t.status = STATUS.closed;
    else if (resolved >= 0) t.status = STATUS.resolved;
    else if (t.pendingSecond >= 0 && t.resolveCount === 0) t.status = STATUS.pendingCustomer;
    else t.status = STATUS.inProgress;
  }

  private survey(t: TicketCore, r: SeededRandom): void {
    t.surveySentSecond = -1;
    t.respondedSecond = -1;
    t.csat = -1;
    t.nps = -1;
    t.ces = -1;
    t.comment = null;
    const resolved = t.resolvedSecond;
    if (resolved < 0 || !r.chance(SURVEY_SENT)) return;
    const sent = resolved + r.logNormal(20 * 60, 1);
    if (sent > CUTOFF_SECOND) return;
    t.surveySentSecond = sent;
    if (!r.chance(CHANNEL_SURVEY_RESPONSE_RATE[t.channel]!)) return;
    const responded = sent + r.logNormal(3 * HOUR, 1.3);
    if (responded > CUTOFF_SECOND) return;
    t.respondedSecond = responded;

    const sichuanLogistics =
      t.region === REGION_SICHUAN && t.category === CATEGORY.logistics && t.day >= SICHUAN_LOGISTICS_DAY;
    let mood: number;
    if (sichuanLogistics) {
      mood = SICHUAN_LOGISTICS_CSAT_MEAN;
    } else {
      const waitedHours = ((t.firstResponseSecond >= 0 ? t.firstResponseSecond : resolved) - t.createdSecond) / HOUR;
      mood =
        CSAT_BASE +
        CATEGORY_CSAT_SHIFT[t.category]! -
        0.45 * Math.min(t.transferCount, 2) -
        0.8 * Math.min(t.reopenCount, 2) -
        (waitedHours > 4 ? 0.25 : 0) -
        ((resolved - t.createdSecond) / HOUR > 96 ? 0.3 : 0);
    }
    const csat = clampRound(mood + CSAT_SIGMA * r.normal(), 1, 5);
    t.csat = csat;
    if (r.chance(0.85)) t.nps = clampRound(2.2 * csat - 1.2 + 1.3 * r.normal(), 0, 10);
    if (r.chance(0.72)) t.ces = clampRound(1.3 * csat + 0.6 - 0.4 * Math.min(t.transferCount, 2) + 0.9 * r.normal(), 1, 7);
    if (r.chance(csat <= 2 ? 0.65 : csat === 3 ? 0.4 : 0.28)) {
      if (csat >= 4) t.comment = r.pick(POSITIVE_COMMENTS);
      else if (csat === 3) t.comment = r.pick(NEUTRAL_COMMENTS);
      else if (sichuanLogistics && r.chance(0.6)) t.comment = r.pick(SICHUAN_LOGISTICS_COMMENTS);
      else t.comment = r.pick(NEGATIVE_COMMENTS[t.category]!);
    }
  }
}
