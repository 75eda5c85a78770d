import type { SlackAuditDeclaration } from '../../domain/slack-audit';

/**
 * Slack's audit log records admin.users.session.invalidate as `user_session_invalidated` on the person, one entry a
 * session; it does not say which session, so two sessions of one person are two entries.
 */
export const INVALIDATE_IN_SLACK_LOG: SlackAuditDeclaration = {
  actions: ['user_session_invalidated'],
  says: (entry, target) => (entry.entity.user?.id === target.userId ? 'confirmed' : undefined),
};
