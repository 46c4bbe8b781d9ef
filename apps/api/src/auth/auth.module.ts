import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { keptSecret } from './secrets.js';
import { SessionRevoker } from './session-revoker.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { StaffSockets } from '../realtime/staff-sockets.js';

/** How long a staff token lasts (docs/security.md, staff tokens). */
export const TOKEN_LIFETIME = '12h';

@Global()
@Module({
  imports: [
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => ({
        // A key object, not the string: jsonwebtoken turns a string into a key on every verify,
        // trying it as a public key first (createPublicKey: 3% of the API's CPU in the call-next storm).
        secret: createSecretKey(Buffer.from(config.jwtSecret ?? (await keptSecret(config.dataDir, 'jwt-secret')))),
        // A shift and then some; a desk PC left logged in overnight is not.
        signOptions: { expiresIn: TOKEN_LIFETIME },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, StaffRepository, StaffDirectory, StaffAuthGuard, SessionRevoker, StaffSockets],
  exports: [JwtModule, StaffRepository, StaffDirectory, StaffAuthGuard, SessionRevoker, StaffSockets],
})
export class AuthModule {}
