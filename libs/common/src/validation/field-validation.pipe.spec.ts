import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, Min, ValidateNested } from 'class-validator';
import { FieldValidationPipe } from './field-validation.pipe';

class Line {
  @IsInt() @Min(0) amount: number;
}
class Input {
  @IsNotEmpty() name: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines: Line[];
}

describe('FieldValidationPipe', () => {
  const pipe = new FieldValidationPipe();

  it('reports every invalid field with its path from the argument', async () => {
    const error: any = await pipe
      .transform({ name: '', lines: [{ amount: 1 }, { amount: -1 }] }, { type: 'body', metatype: Input, data: 'input' })
      .catch((e: any) => e);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields.map((f: { path: string }) => f.path).sort()).toEqual(['input.lines.1.amount', 'input.name']);
  });

  it('passes valid input through, transformed into the class', async () => {
    const value = await pipe.transform({ name: 'x', lines: [{ amount: 3 }] }, { type: 'body', metatype: Input, data: 'input' });
    expect(value).toBeInstanceOf(Input);
  });
});
