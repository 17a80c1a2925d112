/** The routes of feature-store (filled in as its routes move to descriptors). */
export const featureStoreRoutes = {} as const;
