// `.po` catalogues are compiled to message modules by @lingui/vite-plugin at build time.
declare module '*.po' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}
