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
      const records = await deps.store.recent(RECENT).catch((error: unknown) => {
        logger.error(`AUDIT STORE UNREADABLE for App Home: ${String(error)}`);
        return undefined;
      });
      view = adminHomeView(
        records,
        deps.wordsOf,
        ACTIONS.map((a) => a.command),
      );
    }
    await deps.slack(client, logger).publishHome(event.user, view);
  };
}
