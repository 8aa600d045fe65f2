import { Controller, Get, Headers, NotFoundException, Param, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { CustomerBillingService, invoiceHtml, PortalInvoice } from '@omnibus/billing';
import { ChannelsService } from '@omnibus/channels';
import { NotFoundError } from '@omnibus/common';
import { CustomerAuthService } from '@omnibus/customers';

/**
 * GET /shop-api/invoices/NW-INV-000001.html: the printable invoice as a page of its own, for
 * storefronts that fetch it and open it in a window. Authenticated like the Shop API: the
 * storefront token (x-channel-token) and the customer's bearer token, both as headers (never in
 * the URL, where they would end up in logs and browser history).
 */
@Controller('shop-api/invoices')
export class InvoiceDocumentController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly customers: CustomerAuthService,
    private readonly billing: CustomerBillingService,
  ) {}

  @Get(':file')
  async document(
    @Res({ passthrough: true }) res: Response,
    @Param('file') file: string,
    @Headers('x-channel-token') channelToken?: string,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    const number = /^(.+)\.html$/.exec(file)?.[1];
    if (!number) throw new NotFoundException('Ask for <invoice number>.html');
    const channel = channelToken ? await this.channels.findByToken(channelToken) : null;
    if (!channel) throw new UnauthorizedException('Send your storefront token in the x-channel-token header');
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const customer = bearer ? await this.customers.principalFromAccessToken(bearer, channel.id) : null;
    if (!customer) throw new UnauthorizedException('Sign in (Authorization: Bearer <customer access token>)');
    let invoice: PortalInvoice;
    try {
      invoice = await this.billing.invoice(customer, number);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundException(error.message);
      throw error;
    }
    // headers only on success: errors stay JSON
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'private, no-store');
    // the page needs nothing but its inline styles and an http(s) logo: no scripts, whatever slipped through
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:");
    return invoiceHtml(invoice, channel);
  }
}
