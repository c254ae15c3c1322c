import type { AnySchemaObject } from "ajv";
import metaSchema from "../../../schemas/meta.schema.json";
import papersSchema from "../../../schemas/papers.schema.json";
import topicSchema from "../../../schemas/topic.schema.json";

/** The schemas shipped with kb-author, by the name configuration and diagnostics use. */
export const builtinSchemas: Record<string, AnySchemaObject> = {
  topic: topicSchema as AnySchemaObject,
  papers: papersSchema as AnySchemaObject,
  meta: metaSchema as AnySchemaObject,
};
