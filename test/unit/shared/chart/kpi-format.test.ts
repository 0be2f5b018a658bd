import { describe, expect, it } from 'vitest';
import { kpiChange, kpiValueText } from '../../../../shared/chart/kpi-format';

describe('KPI values', () => {
  it('carry their unit in each language, and large counts read in 万 and 亿 in Chinese', () => {
    expect(kpiValueText('en', 85.234, 'percent')).toBe('85.2 %');
    expect(kpiValueText('zh-CN', 85.234, 'percent')).toBe('85.2%');
    expect(kpiValueText('en', 35.44, 'minutes')).toBe('35.4 min');
    expect(kpiValueText('zh-CN', 4.25, 'hours')).toBe('4.3 小时');
    expect(kpiValueText('en', 23, 'nps')).toBe('+23');
    expect(kpiValueText('en', -12, 'nps')).toBe('-12');
    expect(kpiValueText('en', 1234567, 'count')).toBe('1,234,567');
    expect(kpiValueText('zh-CN', 1234567, 'count')).toBe('123.5万');
    expect(kpiValueText('zh-CN', 234_500_000, undefined)).toBe('2.35亿');
    expect(kpiValueText('zh-CN', 4567, 'count')).toBe('4,567');
    expect(kpiValueText('en', null, 'percent')).toBe('—');
  });

  it('compare with the month before: points for shares, percent for the rest, good or bad by the metric’s direction', () => {
    expect(kpiChange('en', 82, 80, 'percent', 'higher-is-better')).toEqual({ text: '+2 pts', tone: 'better' });
    expect(kpiChange('zh-CN', 78.5, 80, 'percent', 'higher-is-better')).toEqual({ text: '−1.5 个百分点', tone: 'worse' });
    expect(kpiChange('en', 55, 50, 'minutes', 'lower-is-better')).toEqual({ text: '+10 %', tone: 'worse' });
    expect(kpiChange('en', 45, 50, 'minutes', 'lower-is-better')).toEqual({ text: '−10 %', tone: 'better' });
    expect(kpiChange('en', 120, 100, 'count', 'neutral')).toEqual({ text: '+20 %', tone: 'neutral' });
    expect(kpiChange('en', 5, 0, 'count', 'neutral')).toBeUndefined();
    expect(kpiChange('en', null, 3, 'count', undefined)).toBeUndefined();
  });
});
