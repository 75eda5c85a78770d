/**
 * Checks a value against a schema of the API's OpenAPI document: the parts of JSON Schema the document uses (type,
 * required, properties, additionalProperties: false, enum, items, oneOf, minItems, $ref to its components). The
 * problems, by path; none when the value matches.
 */
export function schemaProblems(
  value: unknown,
  schema: Record<string, unknown>,
  root: { components: { schemas: Record<string, Record<string, unknown>> } },
  at = '$',
): string[] {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    const target = root.components.schemas[name];
    return target ? schemaProblems(value, target, root, at) : [`${at}: unknown $ref ${ref}`];
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Record<string, unknown>[]).filter(
      (s) => schemaProblems(value, s, root, at).length === 0,
    );
    return matching.length === 1 ? [] : [`${at}: matches ${matching.length} of oneOf`];
  }
  const problems: string[] = [];
  const type = schema.type;
  const typeOk =
    type === undefined ||
    (type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) ||
    (type === 'array' && Array.isArray(value)) ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'integer' && Number.isInteger(value)) ||
    (type === 'number' && typeof value === 'number') ||
    (type === 'boolean' && typeof value === 'boolean');
  if (!typeOk) return [`${at}: not a ${String(type)}: ${JSON.stringify(value)}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (type === 'array') {
    const items = schema.items as Record<string, unknown> | undefined;
    if (typeof schema.minItems === 'number' && (value as unknown[]).length < schema.minItems)
      problems.push(`${at}: too few`);
    for (const [i, v] of (items ? (value as unknown[]) : []).entries()) {
      problems.push(...schemaProblems(v, items ?? {}, root, `${at}[${i}]`));
    }
  }
  if (type === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const name of (schema.required ?? []) as string[]) {
      if (object[name] === undefined) problems.push(`${at}.${name}: required`);
    }
    for (const [name, v] of Object.entries(object)) {
      const p = properties[name];
      if (p) problems.push(...schemaProblems(v, p, root, `${at}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${name}: not in the schema`);
    }
  }
  return problems;
}
