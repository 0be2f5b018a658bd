import { fmix32 } from '../hashing';

/** Independent random streams, one per (seed, entity index, stream), so any row of any demo table can
 * be regenerated without generating the rows before it. */
export const STREAM = {
  ticket: 1,
  calls: 2,
  events: 3,
  customer: 4,
  customerDetail: 5,
  dayNoise: 6,
} as const;


/** Hashes a safe-integer seed, an entity index and a stream number into a 32-bit state. */
export function mixSeed(seed: number, index: number, stream: number): number {
  const high = Math.floor(seed / 4_294_967_296);
  let h = fmix32((seed >>> 0) ^ fmix32(high ^ 0x5bd1e995));
  h = fmix32(h ^ Math.imul(index + 1, 0x9e3779b1));
  return fmix32(h ^ Math.imul(stream + 1, 0x27d4eb2f));
}

// Peter Acklam's rational approximation of the normal quantile (relative error below 1.2e-9)
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function inverseNormal(p: number): number {
  if (p < P_LOW || p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p < P_LOW ? p : 1 - p));
    const x =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
    return p < P_LOW ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/** mulberry32, reseedable so one instance serves millions of rows without allocating. */
export class SeededRandom {
  private state = 0;

  constructor(seed = 0, index = 0, stream = 0) {
    this.reseed(seed, index, stream);
  }

  reseed(seed: number, index: number, stream: number): void {
    this.state = mixSeed(seed, index, stream);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Standard normal, by inverting the normal CDF (one uniform per value, no trigonometry). */
  normal(): number {
    return inverseNormal(this.next() || Number.MIN_VALUE);
  }

  /** Log-normal with the given median; sigma is the standard deviation of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  pick<T>(values: readonly T[]): T {
    return values[this.below(values.length)]!;
  }
}

/** A uniform [0, 1) stream for one seed, as a plain function (for generators that take `() => number`). */
export function randomStream(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** Picks indices in proportion to fixed weights. */
export class WeightedChoice {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  /** The index whose weight band holds `u` ∈ [0, 1). */
  pick(u: number): number {
    const target = u * this.total;
    const last = this.cumulative.length - 1;
    for (let i = 0; i < last; i++) {
      if (target < this.cumulative[i]!) return i;
    }
    return last;
  }

  share(index: number): number {
    const before = index === 0 ? 0 : this.cumulative[index - 1]!;
    return (this.cumulative[index]! - before) / this.total;
  }
}
