import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { ClientError, ErrorCode } from '@omnibus/common';

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
};

/** A report download's errors as JSON with the Admin API's codes: { code, message, fields }. */
@Catch(ClientError, HttpException)
export class ReportCsvErrorFilter implements ExceptionFilter {
  catch(error: ClientError | HttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const status = error.getStatus();
      res.status(status).json({
        code: status === 401 ? ErrorCode.Unauthenticated : status === 404 ? ErrorCode.NotFound : ErrorCode.BadUserInput,
        message: error.message,
      });
      return;
    }
    const code = String(error.extensions.code);
    res
      .status(STATUS[code] ?? 500)
      .json({ code, message: error.message, ...(error.extensions.fields ? { fields: error.extensions.fields } : {}) });
  }
}
