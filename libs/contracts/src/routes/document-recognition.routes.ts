/** The routes of document-recognition (filled in as its routes move to descriptors). */
export const recognitionRoutes = {} as const;
