/** TanStack Query keys of the environments' health (the dashboard's AYTQ and CTR checks). */
export const healthKeys = {
  all: () => ["health"] as const,
  environments: (serviceKey: string) => [...healthKeys.all(), "environments", serviceKey] as const,
};
