/**
 * One statement for both stores, so two processes never both post nor lose a count: the row for a key keeps when
 * its last post was (epoch ms), how many were held back since, and how many were held back before that post. In an
 * UPDATE's SET, a column means its value before the update. A post leaves `held` at 0; a hold leaves it at 1 or more.
 * Named parameters in SQLite's style; the PostgreSQL store numbers them.
 */
export const THROTTLE_SQL = `
INSERT INTO post_throttle (key, posted_at, held, held_before) VALUES (@key, @now, 0, 0)
ON CONFLICT (key) DO UPDATE SET
  posted_at = CASE WHEN post_throttle.posted_at <= @due THEN excluded.posted_at ELSE post_throttle.posted_at END,
  held_before = CASE WHEN post_throttle.posted_at <= @due THEN post_throttle.held ELSE post_throttle.held_before END,
  held = CASE WHEN post_throttle.posted_at <= @due THEN 0 ELSE post_throttle.held + 1 END
RETURNING (held = 0) AS post, held_before`;
