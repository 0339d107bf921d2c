import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-cn';
import { checkJobRef, checkJobRefField, jobRoute, violationMessage } from './job-ref';

describe('job references', () => {
  it('accepts what the contract accepts', () => {
    expect(checkJobRef({ orgId: 'yourOrgId', jobId: '5ed0dd4a646542001b3d1140' })).toEqual([]);
    expect(checkJobRefField('orgId', 'o_1-2')).toBeNull();
    expect(checkJobRefField('jobId', 'x'.repeat(64))).toBeNull();
  });

  it('names the rule each value breaks', () => {
    expect(checkJobRefField('orgId', '')).toEqual({ field: 'orgId', rule: 'required', limit: 1 });
    expect(checkJobRefField('jobId', 'x'.repeat(65))).toEqual({ field: 'jobId', rule: 'tooLong', limit: 64 });
    expect(checkJobRefField('orgId', 'bad org')).toEqual({ field: 'orgId', rule: 'pattern' });
    expect(checkJobRefField('jobId', '../etc')).toEqual({ field: 'jobId', rule: 'pattern' });
    expect(checkJobRef({ orgId: '', jobId: 'a b' }).map((violation) => violation.field)).toEqual(['orgId', 'jobId']);
  });

  it('says the rule in the reader’s language', () => {
    const tooLong = { field: 'jobId', rule: 'tooLong', limit: 64 } as const;
    expect(violationMessage(tooLong, en)).toBe('The job ID must be at most 64 characters.');
    expect(violationMessage(tooLong, zhCN)).toBe('任务 ID最多 64 个字符。');
    expect(violationMessage({ field: 'orgId', rule: 'required' }, en)).toBe('Enter the organization ID.');
    expect(violationMessage({ field: 'orgId', rule: 'pattern' }, zhCN)).toBe('组织 ID只能包含字母、数字、_ 和 -。');
  });

  it('builds the app route of a job', () => {
    expect(jobRoute({ orgId: 'o1', jobId: 'j1' })).toEqual(['/orgs', 'o1', 'jobs', 'j1']);
  });
});
