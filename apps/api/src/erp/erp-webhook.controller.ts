import { Controller, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebhookService } from '@omnibus/erp-sync';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** POST /erp/webhooks/:connector — the raw body is read here (the signature covers the exact bytes). */
@Controller('erp/webhooks')
export class ErpWebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post(':connector')
  async receive(@Param('connector') connector: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const raw = await readBody(req);
    const headers = { 'x-omnibus-timestamp': req.header('x-omnibus-timestamp'), 'x-omnibus-signature': req.header('x-omnibus-signature') };
    const outcome = await this.webhooks.receive(connector, headers, raw);
    res.status(outcome.status).json(outcome.body);
  }
}

async function readBody(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpException({ error: 'body larger than 5 MB: send smaller batches' }, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
