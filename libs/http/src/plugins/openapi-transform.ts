import type { RouteDescriptor, UploadSpec } from '@mlops/contracts';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformOutput = ReturnType<typeof jsonSchemaTransform>;
type JsonSchema = Record<string, unknown>;

const BINARY = { type: 'string', format: 'binary' } as const;

function multipartSchema(upload: UploadSpec): JsonSchema {
  const file = { ...BINARY, description: upload.description };
  const fields = Object.fromEntries(
    Object.keys(upload.fields ?? {}).map((name) => [
      name,
      { type: 'string', description: `a JSON document, sent before the files (\`${name}\`)` },
    ]),
  );
  return {
    type: 'object',
    properties: { ...fields, [upload.field]: upload.multiple ? { type: 'array', items: file } : file },
    required: [upload.field],
  };
}

/** The request body of an upload route: multipart/form-data, the raw media types, and JSON when it takes that too. */
function uploadBody(upload: UploadSpec, jsonBody: unknown): JsonSchema {
  const content: Record<string, { schema: unknown }> = {
    'multipart/form-data': { schema: multipartSchema(upload) },
  };
  for (const type of upload.rawMediaTypes ?? [])
    content[type] = { schema: { ...BINARY, description: upload.description } };
  if (jsonBody) content['application/json'] = { schema: jsonBody };
  return { content };
}

function streamedAnswer(contract: RouteDescriptor, jsonRecord: unknown): JsonSchema | undefined {
  const { stream } = contract;
  if (!stream) return undefined;
  const description = stream.kind === 'jsonl' ? 'JSON Lines: one record per line' : `the file (${stream.mediaType})`;
  const schema = stream.kind === 'jsonl' ? jsonRecord : BINARY;
  const mediaType = stream.kind === 'jsonl' ? 'application/x-ndjson' : stream.mediaType;
  const headers = Object.fromEntries((stream.headers ?? []).map((name) => [name, { type: 'string' }]));
  return { description, content: { [mediaType]: { schema } }, ...(stream.headers?.length ? { headers } : {}) };
}

/**
 * The OpenAPI transform: zod schemas to JSON Schema (fastify-type-provider-zod), then what zod
 * cannot say from the route's descriptor — upload bodies (multipart parts, raw media types) and
 * streamed answers (a file, JSON Lines).
 */
export function openApiTransform(input: TransformInput): TransformOutput {
  const contract = input.route.config?.contract;
  if (!contract) return jsonSchemaTransform(input);
  const recordSchema = contract.stream?.kind === 'jsonl' ? contract.stream.record : undefined;
  const withZod = {
    ...input,
    schema: {
      ...input.schema,
      ...(contract.upload && contract.body ? { body: contract.body } : {}),
      ...(recordSchema ? { response: { ...(input.schema.response as object), 200: recordSchema } } : {}),
    },
  };
  const converted = jsonSchemaTransform(withZod);
  const schema = { ...(converted.schema as JsonSchema) };
  if (contract.upload) {
    schema.body = uploadBody(contract.upload, contract.body ? schema.body : undefined);
    delete schema.consumes;
  }
  const response = { ...(schema.response as Record<string, unknown> | undefined) };
  const answer = streamedAnswer(contract, response['200']);
  if (answer) response['200'] = answer;
  for (const status of Object.keys(response).filter((code) => Number(code) >= 400)) {
    response[status] = {
      description: 'problem details (RFC 9457)',
      content: { 'application/problem+json': { schema: response[status] } },
    };
  }
  schema.response = response;
  return { ...converted, schema };
}
