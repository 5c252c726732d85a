/** One language's messages for the tabs, made at build time by tabs/vite.config.mts. */
declare module 'virtual:kansrijk-messages/*' {
  const messages: import('../../../src/shared/i18n/translator-core').Messages;
  export default messages;
}
