import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, UserInputError } from '../errors/client-errors';

/**
 * class-validator at the edge, answering BAD_USER_INPUT with one entry per invalid field, each with
 * its path from the GraphQL argument (`input.variants.0.sku`), so forms can show the error in place.
 */
@Injectable()
export class FieldValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      exceptionFactory: (errors: ValidationError[]) => new InvalidFields(flattenValidationErrors(errors, '')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error;
      // @Args('input') validates under the argument's name; @Args() (an ArgsType) has top-level fields
      const prefix = metadata.data ? `${metadata.data}.` : '';
      const fields = error.fields.map((f) => ({ ...f, path: prefix + f.path }));
      throw new UserInputError(`Invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
    }
  }
}

class InvalidFields extends Error {
  constructor(readonly fields: FieldError[]) {
    super('invalid fields');
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}
