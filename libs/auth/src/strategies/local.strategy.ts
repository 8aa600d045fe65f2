import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { UnauthenticatedError } from '@omnibus/common';
import { StaffAuthService } from '../staff-auth.service';
import { StaffPrincipal } from '../staff-principal';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: StaffAuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  async validate(email: string, password: string): Promise<StaffPrincipal> {
    const principal = await this.auth.validateCredentials(email, password);
    if (!principal) throw new UnauthenticatedError('Invalid e-mail or password');
    return principal;
  }
}
