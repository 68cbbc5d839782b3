import type { en } from './en';

/** Message keys are type-checked: `t('no.such.key')` fails `npm run typecheck`. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
