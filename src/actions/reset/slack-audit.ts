import { listedUsers, type SlackAuditDeclaration } from '../../domain/slack-audit';
import { isResetScope, type ResetScope } from '../../domain/types';

/** The scope an entry's details say: `mobile_only` or `web_only`, neither for every session. */
function scopeOf(details: Readonly<Record<string, unknown>>): ResetScope | undefined {
  // A reset of non-SSO sessions only is not one the app makes.
  if (details.non_sso_only === true) return undefined;
  if (details.mobile_only === true) return details.web_only === true ? undefined : 'mobile';
  return details.web_only === true ? 'web' : 'all';
}

/**
 * Slack's audit log records admin.users.session.reset as `user_session_reset_by_admin` on the person, with its scope
 * in `mobile_only` / `web_only`; and a bulk reset's job as one `bulk_session_reset_by_admin` (on the organization),
 * whose `succeeded_users` and `failed_users` say, per person, what "queued" came to.
 */
export const RESET_IN_SLACK_LOG: SlackAuditDeclaration = {
  actions: ['user_session_reset_by_admin', 'bulk_session_reset_by_admin'],
  says(entry, target, run) {
    if (entry.action === 'bulk_session_reset_by_admin') {
      if (listedUsers(entry.details.succeeded_users).includes(target.userId)) return 'confirmed';
      return listedUsers(entry.details.failed_users).includes(target.userId) ? 'failed' : undefined;
    }
    if (entry.entity.user?.id !== target.userId) return undefined;
    // A reset's details name its scope (see reset/words.ts); a record without them ended every session.
    const scope = isResetScope(run.details?.scope) ? run.details.scope : 'all';
    return scopeOf(entry.details) === scope ? 'confirmed' : undefined;
  },
};
