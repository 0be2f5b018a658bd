import { describe, expect, it } from 'vitest';
import { suggestPauseStatuses } from '../../../../shared/model/pause-rule';

describe('pause statuses', () => {
  it('are found among a status field’s values in Chinese and English, in any case or spacing', () => {
    expect(suggestPauseStatuses(['created', 'pending_customer', 'Waiting on Customer', '等待客户回复', '待客户确认', 'resolved'])).toEqual([
      'pending_customer',
      'Waiting on Customer',
      '等待客户回复',
      '待客户确认',
    ]);
    expect(suggestPauseStatuses(['On hold', '挂起', '暂停处理', 'status: pending customer reply'])).toEqual(['On hold', '挂起', '暂停处理', 'status: pending customer reply']);
  });

  it('leave statuses alone that only look alike or say nothing', () => {
    expect(suggestPauseStatuses(['pending', 'customer', 'closed', '', '客户', 'holding_pattern_review'])).toEqual([]);
  });
});
