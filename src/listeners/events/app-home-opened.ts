import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { ACTIONS } from '../../actions/registry';
import type { ListenerDeps } from '../../actions/shared/deps';
import { adminHomeView, visitorHomeView } from '../../views/home-view';

const RECENT = 20;

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
      try {
        view = adminHomeView(
          await deps.store.recent(RECENT),
          deps.wordsOf,
          ACTIONS.map((a) => a.command),
        );
      } catch (error) {
        logger.error(`AUDIT STORE UNREADABLE for App Home: ${String(error)}`);
        return;
      }
    }
    await client.views.publish({ user_id: event.user, view });
  };
}
