/** The routes of nlp (filled in as its routes move to descriptors). */
export const nlpRoutes = {} as const;
