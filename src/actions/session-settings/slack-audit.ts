import type { SlackAuditDeclaration } from '../../domain/slack-audit';

/**
 * Slack's audit log records a change of a person's session settings (admin.users.session.setSettings, and
 * clearSettings putting them back on the organization's default) as `user_session_settings_changed` on that person,
 * one entry each of the up to 1,000 a call names.
 */
export const SETTINGS_IN_SLACK_LOG: SlackAuditDeclaration = {
  actions: ['user_session_settings_changed'],
  says: (entry, target) => (entry.entity.user?.id === target.userId ? 'confirmed' : undefined),
};
