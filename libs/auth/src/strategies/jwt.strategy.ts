import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfigFromEnv } from '../auth-config';
import { StaffAuthService } from '../staff-auth.service';
import { StaffPrincipal } from '../staff-principal';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly auth: StaffAuthService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: authConfigFromEnv().jwtSecret,
      ignoreExpiration: false,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: { sub?: string; typ?: 'staff' }): Promise<StaffPrincipal | false> {
    return (await this.auth.principalFromJwtPayload(payload)) ?? false;
  }
}
