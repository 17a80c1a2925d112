/** The sections of the navigation, in order; each is the first page of its area. */
export const NAV: readonly { readonly href: string; readonly label: string }[] = [
  { href: '/runs', label: 'Runs' },
  { href: '/models', label: 'Models' },
  { href: '/datasets', label: 'Datasets' },
  { href: '/labelling', label: 'Labelling' },
  { href: '/studies', label: 'Studies' },
  { href: '/serving', label: 'Serving' },
  { href: '/documents', label: 'Documents' },
];
