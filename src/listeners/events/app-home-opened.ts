import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';
import { fromStore } from '../../actions/shared/store-read';
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
      const read = await fromStore(logger, 'App Home', () =>
        Promise.all([deps.store.recent(RECENT), deps.store.refusalsSince(new Date(Date.now() - REFUSALS_WINDOW_MS))]),
      );
      view = adminHomeView(
        read.ok ? { records: read.value[0], refusals: read.value[1] } : undefined,
        deps.actions.wordsOf,
        deps.actions.all.map((a) => a.command),
      );
    }
    await deps.slack(client, logger).publishHome(event.user, view);
  };
}
