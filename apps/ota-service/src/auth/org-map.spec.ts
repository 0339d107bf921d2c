import { claimValues, mayReadOrgAs, orgsFor } from './org-map';

const map = new Map([
  ['plant-a', ['o1', 'o2']],
  ['plant-b', ['o2', 'o3']],
  ['admins', ['*']],
]);

describe('org map', () => {
  it('reads a claim as a string, an array, or at a dotted path', () => {
    expect(claimValues({ groups: 'plant-a' }, 'groups')).toEqual(['plant-a']);
    expect(claimValues({ groups: ['plant-a', 7, 'plant-b'] }, 'groups')).toEqual(['plant-a', 'plant-b']);
    expect(claimValues({ realm_access: { roles: ['admins'] } }, 'realm_access.roles')).toEqual(['admins']);
    expect(claimValues({}, 'groups')).toEqual([]);
    expect(claimValues({ groups: { toString: 'x' } }, 'groups.toString')).toEqual(['x']);
    expect(claimValues({ groups: {} }, 'groups.constructor')).toEqual([]);
  });

  it('joins the orgs of every mapped value, and reads "*" as all', () => {
    expect(orgsFor(['plant-b', 'plant-a', 'unmapped'], map)).toEqual({ all: false, orgIds: ['o1', 'o2', 'o3'] });
    expect(orgsFor(['admins'], map)).toEqual({ all: true, orgIds: [] });
    expect(orgsFor(['unmapped'], map)).toEqual({ all: false, orgIds: [] });
  });

  it('lets an operator read exactly their orgs', () => {
    const orgs = orgsFor(['plant-a'], map);
    expect(mayReadOrgAs(orgs, 'o1')).toBe(true);
    expect(mayReadOrgAs(orgs, 'o3')).toBe(false);
    expect(mayReadOrgAs(orgsFor(['admins'], map), 'anything')).toBe(true);
  });
});
