/** WakaTime's categories; DevTime adds "prompting" for agent turns. Absent ⇒ coding. */
export const CATEGORIES = [
  'coding',
  'ai coding',
  'advising',
  'browsing',
  'building',
  'code reviewing',
  'communicating',
  'debugging',
  'designing',
  'indexing',
  'learning',
  'manual testing',
  'meeting',
  'notes',
  'planning',
  'prompting',
  'researching',
  'running tests',
  'supporting',
  'translating',
  'writing docs',
  'writing tests',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const DEFAULT_CATEGORY: Category = 'coding';

/**
 * The plan's `activity_type` values mapped onto categories, so a native client can keep sending
 * activity_type while stats group by one field. "idle" is accepted and stored but never counted.
 */
export const ACTIVITY_TYPE_TO_CATEGORY: Readonly<Record<string, Category>> = {
  coding: 'coding',
  debugging: 'debugging',
  prompting: 'prompting',
  building: 'building',
  testing: 'running tests',
  reviewing: 'code reviewing',
};
