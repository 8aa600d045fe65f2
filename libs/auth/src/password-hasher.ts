import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** Argon2id with the library's defaults (64 MiB, t=3): slow on purpose. */
@Injectable()
export class PasswordHasher {
  // verifying against this when the user does not exist keeps response times alike (no user enumeration)
  private readonly dummyHash = argon2.hash('omnibus-timing-equaliser');

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
