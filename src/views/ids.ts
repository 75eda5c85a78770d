/** The inputs every confirmation shares (reason, "tell them", break-glass): block_ids and action_ids. */
export const INPUT = {
  reason: { block: 'reason', action: 'reason_input' },
  notify: { block: 'notify', action: 'notify_input' },
  breakGlass: { block: 'break_glass', action: 'break_glass_input' },
} as const;

/** The one value of each of those checkboxes. */
export const CHECKED = { notify: 'notify', breakGlass: 'emergency' } as const;

/** "Verify now" on a bulk reset's result: its value is the request ID. */
export const VERIFY_LATER = 'verify_bulk_later';

/** The approval request's buttons and the denial's modal. */
export const APPROVAL = {
  approve: 'approval_approve',
  deny: 'approval_deny',
  denyModal: 'approval_deny_reason',
  denyReason: { block: 'deny_reason', action: 'deny_reason_input' },
} as const;

export const MAX_REASON = 500;
