/**
 * A small JSON Schema checker, enough for `summaryJsonSchema` (type, const,
 * anyOf, properties, required, additionalProperties, items, minItems,
 * minimum, local $ref), so the schema is tested against real summaries
 * without a validator dependency. Returns the problems found, as paths.
 */
type Schema = Record<string, unknown>;

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    default:
      return typeof v === type;
  }
}

export function validate(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const resolve = (s: Schema): Schema => {
    const ref = s['$ref'];
    if (typeof ref !== 'string') return s;
    const name = ref.replace('#/$defs/', '');
    return (root['$defs'] as Record<string, Schema>)[name]!;
  };
  const check = (schema: Schema, v: unknown, at: string): boolean => {
    const s = resolve(schema);
    const before = problems.length;
    if ('const' in s && v !== s['const'])
      problems.push(`${at}: expected ${JSON.stringify(s['const'])}`);
    if (typeof s['type'] === 'string' && !typeOk(s['type'], v))
      problems.push(`${at}: not ${s['type']}`);
    if (Array.isArray(s['anyOf'])) {
      const ok = (s['anyOf'] as Schema[]).some((option) => {
        const mark = problems.length;
        const fits = check(option, v, at);
        problems.length = mark;
        return fits;
      });
      if (!ok) problems.push(`${at}: matches no anyOf option`);
    }
    if (typeof s['minimum'] === 'number' && typeof v === 'number' && v < s['minimum'])
      problems.push(`${at}: below ${s['minimum']}`);
    if (Array.isArray(v)) {
      if (typeof s['minItems'] === 'number' && v.length < s['minItems'])
        problems.push(`${at}: too short`);
      if (s['items']) v.forEach((item, i) => check(s['items'] as Schema, item, `${at}[${i}]`));
    }
    if (typeOk('object', v)) {
      const obj = v as Record<string, unknown>;
      const props = (s['properties'] ?? {}) as Record<string, Schema>;
      for (const key of (s['required'] ?? []) as string[]) {
        if (!(key in obj)) problems.push(`${at}.${key}: missing`);
      }
      for (const [key, item] of Object.entries(obj)) {
        if (props[key]) check(props[key], item, `${at}.${key}`);
        else if (s['additionalProperties'] === false)
          problems.push(`${at}.${key}: not in the schema`);
        else if (typeof s['additionalProperties'] === 'object')
          check(s['additionalProperties'] as Schema, item, `${at}.${key}`);
      }
    }
    return problems.length === before;
  };
  check(root, value, '$');
  return problems;
}
