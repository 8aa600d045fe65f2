import { errorFromHttpStatus, errorFromNetworkFailure, errorFromRpcError, TrytonError } from './tryton.errors';

describe('Tryton error classification', () => {
  describe('HTTP status (HTML bodies)', () => {
    it.each([
      [401, 'auth', false],
      [403, 'forbidden', false],
      [429, 'transient', true],
      [500, 'transient', true],
      [502, 'transient', true],
      [503, 'transient', true],
      [404, 'server', false],
      [400, 'server', false],
    ])('HTTP %d is %s (retryable: %s)', (status, kind, retryable) => {
      const error = errorFromHttpStatus(status, 'model.sale.sale.create', '<html><p>Unauthorized</p></html>');
      expect(error).toBeInstanceOf(TrytonError);
      expect(error.kind).toBe(kind);
      expect(error.retryable).toBe(retryable);
      expect(error.details).toMatchObject({ status, method: 'model.sale.sale.create' });
    });

    it('puts a short text of the HTML body into unexpected statuses', () => {
      const error = errorFromHttpStatus(404, 'x', '<html><h1>Not Found</h1><p>Database   unknown</p></html>');
      expect(error.message).toBe('Tryton answered HTTP 404: Not Found Database unknown');
    });
  });

  describe('JSON-RPC error member (HTTP 200)', () => {
    it('UserError is a data problem with message and description', () => {
      const error = errorFromRpcError(
        ['UserError', ['To get a quote for sale "[NW-000001]" you must enter a warehouse.', 'Check the warehouse.', '']],
        'model.sale.sale.quote',
      );
      expect(error.kind).toBe('user');
      expect(error.retryable).toBe(false);
      expect(error.message).toBe('To get a quote for sale "[NW-000001]" you must enter a warehouse.');
      expect(error.details).toMatchObject({ exception: 'UserError', description: 'Check the warehouse.', method: 'model.sale.sale.quote' });
    });

    it('UserWarning and ConcurrencyException are conflicts (retry after re-reading / confirming)', () => {
      const warning = errorFromRpcError(['UserWarning', ['duplicated_chart.1', 'A chart exists already.', 'Continue?']], 'm');
      expect(warning).toMatchObject({
        kind: 'conflict',
        message: 'A chart exists already.',
        details: { warningName: 'duplicated_chart.1' },
      });
      const concurrency = errorFromRpcError(['ConcurrencyException', 'Records were modified in the meanwhile'], 'm');
      expect(concurrency).toMatchObject({ kind: 'conflict', message: 'Records were modified in the meanwhile' });
      expect(concurrency.retryable).toBe(true);
    });

    it('LoginException is auth, RateLimitException transient', () => {
      expect(errorFromRpcError(['LoginException', ['password', 'Password', 'password']], 'common.db.login').kind).toBe('auth');
      expect(errorFromRpcError(['RateLimitException', []], 'common.db.login').kind).toBe('transient');
    });

    it('other exceptions are server errors with the traceback kept aside, not in the message', () => {
      const traceback = `Traceback (most recent call last):\n${'  File "x.py", line 1\n'.repeat(200)}TypeError: boom`;
      const error = errorFromRpcError(["'account.invoice.pay.start' Model has no attribute 'description'", traceback], 'wizard.x.execute');
      expect(error.kind).toBe('server');
      expect(error.message).toBe("'account.invoice.pay.start' Model has no attribute 'description'");
      expect(error.details.traceback!.length).toBeLessThanOrEqual(2000);
      expect(error.details.traceback).toContain('TypeError: boom');
    });

    it('a locked database is transient', () => {
      expect(errorFromRpcError(['database is locked', ''], 'm').kind).toBe('transient');
    });

    it('a malformed error is a server error', () => {
      expect(errorFromRpcError('weird', 'm').kind).toBe('server');
      expect(errorFromRpcError([], 'm').kind).toBe('server');
    });
  });

  describe('network failures', () => {
    it('a timeout is transient and says so', () => {
      const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const error = errorFromNetworkFailure(cause, 'model.sale.sale.create', 5000);
      expect(error).toMatchObject({ kind: 'transient', details: { timedOut: true } });
      expect(error.message).toBe('Tryton did not answer model.sale.sale.create within 5000 ms');
      expect(error.cause).toBe(cause);
    });

    it('a refused connection is transient with its code', () => {
      const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      expect(errorFromNetworkFailure(cause, 'common.db.login', 1000)).toMatchObject({
        kind: 'transient',
        message: 'Tryton is unreachable (ECONNREFUSED)',
      });
    });

    it('a caller abort is transient', () => {
      expect(errorFromNetworkFailure(new DOMException('aborted', 'AbortError'), 'm', 1000).kind).toBe('transient');
    });
  });
});
