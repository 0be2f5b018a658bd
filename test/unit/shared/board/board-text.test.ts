import { describe, expect, it } from 'vitest';
import { boardValueText, effectText, monthPeriod, periodText, previousMonth, segmentText, shareText } from '../../../../shared/board/board-text';
import { step } from '../../../../renderer/features/boards/FishboneView';

describe('board texts', () => {
  it('turns months into whole periods and back', () => {
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod('2023-12')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(previousMonth('2024-01')).toBe('2023-12');
    expect(previousMonth('2024-10')).toBe('2024-09');
    expect(periodText(monthPeriod('2024-10'))).toBe('2024-10');
    expect(periodText({ from: '2024-10-03', to: '2024-10-17' })).toBe('2024-10-03 – 2024-10-17');
    expect(periodText({ from: '2024-10-03', to: '2024-10-03' })).toBe('2024-10-03');
  });

  it('writes scores with two decimals and effects with two significant digits and a sign', () => {
    expect(boardValueText('en', 4.0, 'score')).toBe('4.00');
    expect(boardValueText('en', 4.126, 'score')).toBe('4.13');
    expect(boardValueText('en', null, 'score')).toBe('—');
    expect(effectText('en', -0.0342, 'score')).toBe('−0.034');
    expect(effectText('en', 0.31, 'score')).toBe('+0.31');
    expect(effectText('en', 12.4, 'percent')).toBe('+12 %');
    expect(effectText('zh-CN', -1234, 'count')).toBe('−1,234');
    expect(effectText('en', 0, 'score')).toBe('±0');
    expect(effectText('en', 0.00001, 'score')).toBe('±0.000');
  });

  it('names a segment by its fields’ labels and marks the empty value', () => {
    const label = (f: string) => ({ region: '地区', channel: '渠道' })[f] ?? f;
    expect(segmentText([{ field: 'region', values: ['四川'] }, { field: 'channel', values: ['电话', null] }], label, '（空）')).toBe('地区 = 四川 · 渠道 = 电话, （空）');
    expect(shareText(0.624, 'en')).toBe('+62 %');
    expect(shareText(-0.08, 'zh-CN')).toBe('−8%');
    expect(shareText(null, 'en')).toBe('—');
  });

  it('zooms in and out by steps from any fitted zoom', () => {
    expect(step(0.93, 1)).toBe(1);
    expect(step(0.93, -1)).toBe(0.8);
    expect(step(1, 1)).toBe(1.25);
    expect(step(2, 1)).toBe(2);
    expect(step(0.5, -1)).toBe(0.5);
  });
});
