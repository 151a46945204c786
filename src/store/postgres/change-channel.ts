/**
 * The LISTEN/NOTIFY channel change signals travel on (src/change-bus/). A
 * schema other than `public` (tests give each run one) has a channel of its
 * own, so a listener never hears of another schema's outbox rows, whose ids
 * would name unrelated rows of its own.
 */
export function changeChannel(schema?: string): string {
  return !schema || schema === 'public' ? 'masthead_changes' : `masthead_changes_${schema}`;
}
