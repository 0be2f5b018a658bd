import { FIRST_SIGNUP_DAY, LAST_DAY, YEAR_DAYS } from './demo-calendar';
import {
  COMPANY_KINDS,
  REGION_TABLE,
  SEGMENT,
  SEGMENT_WEIGHTS,
  SURNAMES,
} from './demo-vocabulary';
import { type SeededRandom, STREAM, WeightedChoice } from './seeded-random';

const ESTABLISHED_SHARE = 0.75;
/** Above 0, sends more tickets to long-standing customers (lower numbers). */
const LOYALTY_SKEW = 0.3;
const CHURN_AFTER_BAD_EXPERIENCE = 0.26;
const CHURN_OTHERWISE = 0.045;
/** Marks a customer without a complaint or a CSAT of 1–2 in `firstBadDay`. */
export const NO_BAD_EXPERIENCE = 0x7fff;

/** The customer base. Customer numbers rise with signup date: three quarters signed up between
 * 2019 and 2023, the rest during 2024, so a ticket can always pick a customer who already exists. */
export class DemoCustomers {
  readonly region: Uint8Array;
  readonly segment: Uint8Array;
  private readonly established: number;
  private readonly signedUpBy = new Int32Array(YEAR_DAYS);

  constructor(
    private readonly seed: number,
    readonly count: number,
    random: SeededRandom,
  ) {
    this.region = new Uint8Array(count);
    this.segment = new Uint8Array(count);
    this.established = Math.max(1, Math.round(count * ESTABLISHED_SHARE));
    const regions = new WeightedChoice(REGION_TABLE.map((r) => r[1]));
    const segments = new WeightedChoice(SEGMENT_WEIGHTS);
    for (let c = 0; c < count; c++) {
      random.reseed(seed, c, STREAM.customer);
      this.region[c] = regions.pick(random.next());
      this.segment[c] = segments.pick(random.next());
    }
    let signedUp = this.established;
    for (let day = 0; day < YEAR_DAYS; day++) {
      while (signedUp < count && this.signupDay(signedUp) <= day) signedUp++;
      this.signedUpBy[day] = signedUp;
    }
  }

  signupDay(customer: number): number {
    if (customer < this.established) {
      // density grows towards 2024: the business has been growing
      return FIRST_SIGNUP_DAY + Math.floor(-FIRST_SIGNUP_DAY * Math.sqrt((customer + 0.5) / this.established));
    }
    return Math.floor((YEAR_DAYS * (customer - this.established)) / (this.count - this.established));
  }

  /** A customer who had signed up by `day`, for `u` ∈ [0, 1). */
  pick(day: number, u: number): number {
    return Math.floor(this.signedUpBy[day]! * u * (1 - LOYALTY_SKEW + LOYALTY_SKEW * u));
  }

  /** A customer of `region` who had signed up by `day`; falls back to anyone in a tiny dataset. */
  pickInRegion(day: number, region: number, random: SeededRandom): number {
    let customer = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      customer = this.pick(day, random.next());
      if (this.region[customer] === region) return customer;
    }
    return customer;
  }

  /** Masked name and churn date of a customer; `firstBadDay` is the day of their first complaint
   * ticket or CSAT of 1–2 (NO_BAD_EXPERIENCE if none). */
  describe(customer: number, firstBadDay: number, random: SeededRandom): { name: string; churnDay: number | null } {
    random.reseed(this.seed, customer, STREAM.customerDetail);
    const segment = this.segment[customer]!;
    const signup = this.signupDay(customer);
    let name: string;
    if (segment === SEGMENT.enterprise) {
      name = `${REGION_TABLE[this.region[customer]!]![3]}**${random.pick(COMPANY_KINDS)}`;
    } else {
      const surname = SURNAMES[Math.floor(SURNAMES.length * random.next() * random.next())]!;
      name = surname + (random.chance(0.75) ? '**' : '*');
    }
    const hadBadExperience = firstBadDay !== NO_BAD_EXPERIENCE;
    const loyalty = segment === SEGMENT.vip ? 0.5 : segment === SEGMENT.enterprise ? 0.7 : 1;
    const rate = (hadBadExperience ? CHURN_AFTER_BAD_EXPERIENCE : CHURN_OTHERWISE) * loyalty;
    if (!random.chance(rate)) return { name, churnDay: null };
    const from = Math.max(0, signup);
    const churnDay = hadBadExperience
      ? firstBadDay + Math.ceil(random.logNormal(20, 0.8))
      : from + random.below(YEAR_DAYS - from);
    return { name, churnDay: churnDay <= LAST_DAY ? churnDay : null };
  }
}
