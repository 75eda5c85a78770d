import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';
import { adminHomeView, visitorHomeView } from '../../views/home-view';

const RECENT = 20;
/** Refused attempts are counted apart, over this long: anyone can cause them, so they never fill the list. */
const REFUSALS_WINDOW_MS = 60 * 60_000;

/** The Home tab: recent actions for allowlisted admins (decided by the gate), one plain line for anyone else. */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({
    event,
    context,
    client,
    logger,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home') return;
    let view = visitorHomeView();
    if (context.isAdmin === true) {
      const read = await Promise.all([
        deps.store.recent(RECENT),
        deps.store.refusalsSince(new Date(Date.now() - REFUSALS_WINDOW_MS)),
      ]).catch((error: unknown) => {
        logger.error(`AUDIT STORE UNREADABLE for App Home: ${String(error)}`);
        return undefined;
      });
      view = adminHomeView(
        read && { records: read[0], refusals: read[1] },
        deps.actions.wordsOf,
        deps.actions.all.map((a) => a.command),
      );
    }
    await deps.slack(client, logger).publishHome(event.user, view);
  };
}
