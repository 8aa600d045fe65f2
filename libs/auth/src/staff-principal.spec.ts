import { AccessPolicy, StaffPrincipal } from './staff-principal';

const principal = (roles: [string, 'BRAND_MANAGER' | 'VIEWER'][], superadmin = false): StaffPrincipal => ({
  userId: 'u',
  email: 'u@x',
  superadmin,
  roles: new Map(roles),
  via: 'jwt',
});

describe('AccessPolicy', () => {
  const manager = principal([
    ['a', 'BRAND_MANAGER'],
    ['b', 'VIEWER'],
  ]);

  it('lets a brand manager change only the channels managed', () => {
    expect(AccessPolicy.canWrite(manager, 'a')).toBe(true);
    expect(AccessPolicy.canWrite(manager, 'b')).toBe(false);
    expect(AccessPolicy.canWrite(manager, 'c')).toBe(false);
    expect(() => AccessPolicy.assertWrite(manager, ['a', 'b'])).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
  });

  it('lets a viewer read but not write', () => {
    expect(AccessPolicy.canRead(manager, 'b')).toBe(true);
    expect(AccessPolicy.canRead(manager, 'c')).toBe(false);
  });

  it('gives a superadmin every channel, and refuses superadmin work to others', () => {
    const root = principal([], true);
    expect(AccessPolicy.canWrite(root, 'anything')).toBe(true);
    expect(AccessPolicy.readableChannelIds(root)).toBeNull();
    expect(AccessPolicy.readableChannelIds(manager)).toEqual(['a', 'b']);
    expect(() => AccessPolicy.assertSuperadmin(manager)).toThrow('Only a superadmin may do this');
  });
});
