import { createAppI18n } from '@loket/web';
import { en } from './messages/en';
import { id, type DisplayMessages } from './messages/id';

// The setup (stored language, fallback, missing-text errors) is shared in @loket/web;
// the messages are this app's own.
export const i18n = createAppI18n<DisplayMessages>({ id, en });
