/** Every in-app link in one place. */
export const paths = {
  home: () => '/',
  meeting: (meetingId: string) => `/${meetingId}`,
} as const;
