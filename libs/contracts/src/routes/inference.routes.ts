/** The routes of inference (filled in as its routes move to descriptors). */
export const inferenceRoutes = {} as const;
