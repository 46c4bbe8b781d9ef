import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { keptSecret } from './secrets.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => ({
        secret: config.jwtSecret ?? (await keptSecret(config.dataDir, 'jwt-secret')),
        signOptions: { expiresIn: '12h' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, StaffDirectory, StaffAuthGuard],
  exports: [JwtModule, StaffDirectory, StaffAuthGuard],
})
export class AuthModule {}
