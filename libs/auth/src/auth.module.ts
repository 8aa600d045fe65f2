import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { authConfigFromEnv } from './auth-config';
import { PasswordHasher } from './password-hasher';
import { StaffAuthService } from './staff-auth.service';
import { StaffUsersService } from './staff-users.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { StaffAuthGuard, StaffLoginGuard } from './guards/staff-auth.guard';
import { LoginThrottle } from './throttle/login-throttle.service';

@Module({
  imports: [
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      useFactory: () => {
        const config = authConfigFromEnv();
        return { secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' } };
      },
    }),
  ],
  providers: [
    PasswordHasher,
    StaffAuthService,
    StaffUsersService,
    LocalStrategy,
    JwtStrategy,
    ApiKeyStrategy,
    StaffAuthGuard,
    StaffLoginGuard,
    LoginThrottle,
  ],
  exports: [PasswordHasher, StaffAuthService, StaffUsersService, StaffAuthGuard, StaffLoginGuard, LoginThrottle],
})
export class AuthModule {}
