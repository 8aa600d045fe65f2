import { LogMailTransport } from './mail-transport';

describe('LogMailTransport', () => {
  it('keeps the last message per recipient', async () => {
    const transport = new LogMailTransport();
    await transport.send({ to: 'a@x', subject: 's1', text: 't', kind: 'password-reset', link: 'l1' });
    await transport.send({ to: 'b@x', subject: 's2', text: 't', kind: 'password-reset', link: 'l2' });
    await transport.send({ to: 'a@x', subject: 's3', text: 't', kind: 'password-reset', link: 'l3' });
    expect(transport.lastMessage('a@x')?.link).toBe('l3');
    expect(transport.lastMessage()?.subject).toBe('s3');
    expect(transport.lastMessage('c@x')).toBeUndefined();
  });
});
