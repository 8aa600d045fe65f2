import { Logger } from '@nestjs/common';
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

  it('logs that a mail was sent, never its link or text (they carry the reset token)', async () => {
    const lines: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((entry: unknown) => void lines.push(entry));
    try {
      const token = 'reset-token-0123456789abcdef';
      await new LogMailTransport().send({
        to: 'a@x',
        subject: 'Reset',
        text: `https://shop/reset?token=${token}`,
        kind: 'password-reset',
        link: `https://shop/reset?token=${token}`,
      });
      expect(lines).toHaveLength(1);
      expect(JSON.stringify(lines)).toContain('a@x');
      expect(JSON.stringify(lines)).not.toContain(token);
    } finally {
      spy.mockRestore();
    }
  });
});
