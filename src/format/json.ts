/**
 * JSON as every answer prints it: two-space indented, one trailing newline. The data are the
 * answers' own objects (with their `generated`, `sources` and `rule`), written as they are.
 */
export function writeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
