// The one encoding of a Relay global id (base64 "Type:uuid"). Here, not in src/schema, so errors.ts
// can show global ids in messages without depending on the schema.
export function encodeId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}
