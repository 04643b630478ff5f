import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeZodError } from './validation.js';

function errorOf(schema: z.ZodType, input: unknown): z.ZodError {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a validation failure');
  return parsed.error;
}

describe('describeZodError', () => {
  it('when several fields fail, then one line names each problem and where it is', () => {
    const schema = z.object({ name: z.string().max(3, 'name must be at most 3 characters'), media: z.object({ audio: z.boolean() }) });
    expect(describeZodError(errorOf(schema, { name: 'abcd', media: { audio: 1 } }))).toBe(
      'name must be at most 3 characters (at name); Invalid input: expected boolean, received number (at media.audio)',
    );
  });

  it('when the payload itself is wrong, then the message has no location', () => {
    expect(describeZodError(errorOf(z.object({ a: z.string() }), 'text'))).toBe('Invalid input: expected object, received string');
  });

  it('when there are very many problems, then the message stays bounded', () => {
    const schema = z.object(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, z.string()])));
    expect(describeZodError(errorOf(schema, {})).length).toBeLessThanOrEqual(300);
  });
});
