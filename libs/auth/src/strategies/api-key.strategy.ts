import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { StaffAuthService } from '../staff-auth.service';
import { StaffPrincipal } from '../staff-principal';

/** Server-to-server calls: `x-api-key: omk_…`. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly auth: StaffAuthService) {
    super({ header: 'x-api-key', prefix: '' }, false);
  }

  async validate(apiKey: string): Promise<StaffPrincipal | false> {
    return (await this.auth.principalFromApiKey(apiKey)) ?? false;
  }
}
