import { checkStringConstraints, JOB_ID_CONSTRAINTS, ORG_ID_CONSTRAINTS } from './index';
import { validateOrgId } from './validation';

describe('checkStringConstraints (the browser-side check)', () => {
  it('explains each kind of violation', () => {
    expect(checkStringConstraints('', ORG_ID_CONSTRAINTS)).toBe('is required');
    expect(checkStringConstraints('x'.repeat(65), JOB_ID_CONSTRAINTS)).toBe('must be at most 64 characters');
    expect(checkStringConstraints('a b', ORG_ID_CONSTRAINTS)).toBe('must match ^[A-Za-z0-9_-]+$');
    expect(checkStringConstraints('abc', { minLength: 4 })).toBe('must be at least 4 characters');
    expect(checkStringConstraints('yourOrgId', ORG_ID_CONSTRAINTS)).toBeNull();
  });

  it('agrees with the spec validator the service uses', () => {
    for (const id of ['', 'ok', 'a b', 'x'.repeat(64), 'x'.repeat(65), 'é', "o'1", 'A-_9']) {
      expect(checkStringConstraints(id, ORG_ID_CONSTRAINTS) === null).toBe(validateOrgId(id).valid);
    }
  });
});
