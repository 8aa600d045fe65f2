import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { UnauthenticatedError } from '@omnibus/common';
import { CustomerAuthService } from '../customer-auth.service';
import { CustomerPrincipal } from '../customer-principal';

/** E-mail and password within the request's channel (CustomerLoginGuard puts the channel id on the request). */
@Injectable()
export class CustomerLocalStrategy extends PassportStrategy(Strategy, 'customer-local') {
  constructor(private readonly auth: CustomerAuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: { shopChannelId?: string }, email: string, password: string): Promise<CustomerPrincipal> {
    const principal = req.shopChannelId ? await this.auth.validateCredentials(req.shopChannelId, email, password) : null;
    if (!principal) throw new UnauthenticatedError('Invalid e-mail or password');
    return principal;
  }
}
