import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { DemoErp, DemoErpOptions } from './demo-erp';
import { demoErpSeed } from './demo-erp-seed.read-model';

/**
 * One demo ERP per demo connector, seeded the first time it is used from what Omnibus holds (the
 * demo catalog's SKUs, with a cost of 45 % of the lowest base price, its stock and its ERP-owned
 * price lists), as if Omnibus had been loaded from this ERP in the first place.
 */
@Injectable()
export class DemoErpRegistry {
  private readonly logger = new Logger('DemoErp');
  private readonly erps = new Map<string, Promise<DemoErp>>();

  constructor(private readonly prisma: PrismaService) {}

  get(code: string, options: DemoErpOptions): Promise<DemoErp> {
    let erp = this.erps.get(code);
    if (!erp) {
      erp = this.create(code, options);
      this.erps.set(code, erp);
      erp.catch(() => this.erps.delete(code));
    }
    return erp.then((e) => {
      // settings that steer the simulation apply at once (e.g. "down" switched on for a fault demo)
      Object.assign(e.options, options);
      return e;
    });
  }

  private async create(code: string, options: DemoErpOptions): Promise<DemoErp> {
    const erp = new DemoErp({ ...options });
    erp.seed(await demoErpSeed(this.prisma));
    this.logger.log({ msg: 'demo ERP ready (a simulation, not a real ERP)', connector: code });
    return erp;
  }
}

/** The demo ERP's settings: lenient (a value that does not fit falls back to its default), it is a demo. */
export function demoErpOptions(settings: Record<string, unknown>): DemoErpOptions {
  const seconds = (value: unknown, fallback: number) => (typeof value === 'number' && value >= 0 ? value : fallback);
  return {
    acceptAfterSeconds: seconds(settings.acceptAfterSeconds, 2),
    shipAfterSeconds: seconds(settings.shipAfterSeconds, 20),
    poisonSkus: Array.isArray(settings.poisonSkus) ? settings.poisonSkus.map(String) : [],
    down: settings.down === true,
  };
}
