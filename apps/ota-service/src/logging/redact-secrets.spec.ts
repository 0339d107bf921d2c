import { AppSecret } from '../config/app-secret';
import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('censors secret keys at any depth, whatever their case', () => {
    const fields = { a: { b: [{ c: { 'APIM-Signature': 'sig', Cookie: 'c=1', appSecret: 's', keep: 'k' } }] } };
    expect(redactSecrets(fields)).toEqual({
      a: { b: [{ c: { 'APIM-Signature': '[redacted]', Cookie: '[redacted]', appSecret: '[redacted]', keep: 'k' } }] },
    });
    expect(fields.a.b[0]?.c.appSecret).toBe('s');
  });

  it('survives cycles and bounds depth', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 20; i += 1) deep = { deeper: deep };
    expect(redactSecrets({ cyclic })).toEqual({ cyclic: { name: 'loop', self: '[circular]' } });
    const shared = { n: 1 };
    expect(redactSecrets({ pair: [shared, shared] })).toEqual({ pair: [{ n: 1 }, { n: 1 }] });
    expect(JSON.stringify(redactSecrets({ deep }))).toContain('[too deep]');
  });

  it('keeps what an error says, with its own fields redacted, and hides the app secret', () => {
    const error = Object.assign(new Error('failed', { cause: new Error('inner') }), { accessToken: 't', code: 7 });
    const logged = redactSecrets({ err: error, secret: new AppSecret('s3cret'), other: new AppSecret('s3cret') });
    expect(logged['err']).toMatchObject({ type: 'Error', message: 'failed', accessToken: '[redacted]', code: 7 });
    expect(logged['err']).toMatchObject({ cause: { message: 'inner' } });
    expect(JSON.stringify(logged)).not.toContain('s3cret');
  });

  it('names objects that are not plain data instead of walking them', () => {
    class Socketish {
      header = 'apim-signature: abc';
    }
    expect(redactSecrets({ request: new Socketish() })).toEqual({ request: '[Socketish]' });
  });
});
