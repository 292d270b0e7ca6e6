// Every module of English terms, for what reads them all: the ConvTerms type, the tests and the
// reference docs. The elements never import this: each imports its own, so lazily loaded ones
// bring their words with them.
import { bulkTerms } from './bulk.js';
import { coreTerms } from './core.js';
import { panelTerms } from './panels.js';
import { pickerTerms } from './picker.js';
import { threadTerms } from './thread.js';
import { scheduleTerms } from './schedule.js';
import { selectionTerms } from './selection.js';
import { badgeTerms } from './badge.js';

export const TERM_MODULES = [coreTerms, threadTerms, bulkTerms, panelTerms, pickerTerms, scheduleTerms, selectionTerms, badgeTerms] as const;
