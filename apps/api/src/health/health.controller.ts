import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PrismaService } from '@omnibus/db';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly prisma: PrismaService,
  ) {}

  /** 200 when the database answers, 503 otherwise (for load balancers and orchestrators). */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const database = this.indicator.check('database');
        try {
          await this.prisma.ping();
          return database.up({ engine: this.prisma.isEmbedded ? 'pglite' : 'postgresql' });
        } catch (error) {
          return database.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
