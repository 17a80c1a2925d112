import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/** The endpoints and key one profile holds; every field optional (defaults are the local suite's). */
export const profileSchema = z.strictObject({
  featureStoreUrl: url.optional(),
  documentRecognitionUrl: url.optional(),
  nlpUrl: url.optional(),
  trainerUrl: url.optional(),
  reporterUrl: url.optional(),
  inferenceUrl: url.optional(),
  apiKey: z.string().min(1).optional(),
});
export type Profile = z.infer<typeof profileSchema>;

/** `~/.config/mlops/config.json`: named profiles and the one used without `--profile`. */
export const profileFileSchema = z.strictObject({
  defaultProfile: z.string().min(1).default('default'),
  profiles: z.record(z.string().min(1), profileSchema).default({}),
});
