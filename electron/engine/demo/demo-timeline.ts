import {
  dayOf,
  isWorkingDay,
  SECONDS_PER_HOUR,
  YEAR_DAYS,
  YEAR_HOURS,
} from './demo-calendar';
import {
  FESTIVAL_LOGISTICS_EXTRA,
  LAUNCH_DAY,
  LAUNCH_WAVE_DECAY_DAYS,
  LAUNCH_WAVE_HEIGHT,
  SHOPPING_FESTIVALS,
  SICHUAN_LOGISTICS_DAY,
  SICHUAN_LOGISTICS_VOLUME_FACTOR,
} from './demo-patterns';
import { CATEGORY, CATEGORY_WEIGHTS, REGION_SICHUAN, REGION_TABLE } from './demo-vocabulary';
import { SeededRandom, STREAM, WeightedChoice } from './seeded-random';

/** Why a ticket was raised: the everyday mix, or one of the waves that sit on top of it. */
export const CAUSE = { everyday: 0, launchWave: 1, sichuanLogistics: 2, festivalLogistics: 3 } as const;
const CAUSE_COUNT = 4;

/** Relative tickets per hour of day, for working days and for weekends and holidays. */
const WORKING_DAY_HOURS = [
  0.15, 0.08, 0.05, 0.04, 0.04, 0.06, 0.15, 0.4, 0.8, 1.25, 1.4, 1.35, 1.0, 1.1, 1.35, 1.35, 1.25, 1.1, 0.9, 0.85,
  0.9, 0.85, 0.6, 0.3,
];
const RESTING_DAY_HOURS = [
  0.12, 0.06, 0.04, 0.03, 0.03, 0.04, 0.07, 0.18, 0.33, 0.48, 0.57, 0.6, 0.57, 0.57, 0.6, 0.6, 0.57, 0.54, 0.51,
  0.51, 0.54, 0.48, 0.33, 0.18,
];
const SPRING_FESTIVAL: readonly [number, number] = [dayOf(2, 8), dayOf(2, 17)];
const SPRING_FESTIVAL_FACTOR = 0.65;
const YEARLY_GROWTH = 0.12;
const DAILY_NOISE_SIGMA = 0.07;

/** When tickets arrive over 2024 and which wave each belongs to. Ticket i is placed at the
 * (i + u)/n quantile of the year's arrival curve, so ticket numbers rise with creation time and
 * any ticket can be placed without placing the others. */
export class DemoTimeline {
  private readonly hourCumulative = new Float64Array(YEAR_HOURS);
  private readonly dayCauses = new Float64Array(YEAR_DAYS * CAUSE_COUNT);

  constructor(seed: number) {
    const categories = new WeightedChoice(CATEGORY_WEIGHTS);
    const regions = new WeightedChoice(REGION_TABLE.map((r) => r[1]));
    const logisticsShare = categories.share(CATEGORY.logistics);
    const sichuanLogisticsExtra =
      regions.share(REGION_SICHUAN) * logisticsShare * (SICHUAN_LOGISTICS_VOLUME_FACTOR - 1);
    const random = new SeededRandom();
    let cumulative = 0;
    for (let day = 0; day < YEAR_DAYS; day++) {
      random.reseed(seed, day, STREAM.dayNoise);
      const level = (1 + (YEARLY_GROWTH * day) / YEAR_DAYS) * random.logNormal(1, DAILY_NOISE_SIGMA);
      const festive = day >= SPRING_FESTIVAL[0] && day <= SPRING_FESTIVAL[1] ? SPRING_FESTIVAL_FACTOR : 1;
      const causes = day * CAUSE_COUNT;
      this.dayCauses[causes + CAUSE.everyday] = level * festive;
      this.dayCauses[causes + CAUSE.launchWave] =
        day >= LAUNCH_DAY ? level * LAUNCH_WAVE_HEIGHT * Math.exp(-(day - LAUNCH_DAY) / LAUNCH_WAVE_DECAY_DAYS) : 0;
      this.dayCauses[causes + CAUSE.sichuanLogistics] = day >= SICHUAN_LOGISTICS_DAY ? level * sichuanLogisticsExtra : 0;
      this.dayCauses[causes + CAUSE.festivalLogistics] = SHOPPING_FESTIVALS.some(([from, to]) => day >= from && day <= to)
        ? level * logisticsShare * FESTIVAL_LOGISTICS_EXTRA
        : 0;
      let dayTotal = 0;
      for (let c = 0; c < CAUSE_COUNT; c++) dayTotal += this.dayCauses[causes + c]!;
      const hours = isWorkingDay(day) ? WORKING_DAY_HOURS : RESTING_DAY_HOURS;
      for (let h = 0; h < 24; h++) {
        cumulative += dayTotal * hours[h]!;
        this.hourCumulative[day * 24 + h] = cumulative;
      }
    }
  }

  /** Creation second of ticket `index` of `count`; `u` ∈ [0, 1) places it inside its quantile slot. */
  createdSecond(index: number, count: number, u: number): number {
    const cumulative = this.hourCumulative;
    const target = ((index + u) / count) * cumulative[YEAR_HOURS - 1]!;
    let low = 0;
    let high = YEAR_HOURS - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid]! <= target) low = mid + 1;
      else high = mid;
    }
    const before = low === 0 ? 0 : cumulative[low - 1]!;
    const within = (target - before) / (cumulative[low]! - before);
    return low * SECONDS_PER_HOUR + Math.min(SECONDS_PER_HOUR - 1, Math.floor(within * SECONDS_PER_HOUR));
  }

  /** The wave (a CAUSE value) a ticket created on `day` belongs to, for `u` ∈ [0, 1). */
  cause(day: number, u: number): number {
    const causes = day * CAUSE_COUNT;
    let total = 0;
    for (let c = 0; c < CAUSE_COUNT; c++) total += this.dayCauses[causes + c]!;
    let target = u * total;
    for (let c = 0; c < CAUSE_COUNT - 1; c++) {
      target -= this.dayCauses[causes + c]!;
      if (target < 0) return c;
    }
    return CAUSE_COUNT - 1;
  }
}
