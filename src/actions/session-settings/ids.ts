/** The action's name in the audit trail. */
export const SESSION_SETTINGS = 'session_settings';

/** The callback_ids of /session-settings' modals: the settings shown and the confirmation. */
export const SETTINGS_CALLBACK = {
  show: 'session_settings_show',
  confirm: 'session_settings_confirm',
} as const;

/** The inputs of the modal that shows the settings: the change an admin may choose there. */
export const SETTINGS_INPUT = {
  duration: { block: 'duration', action: 'duration_input' },
  quit: { block: 'quit', action: 'quit_input' },
  clear: { block: 'clear', action: 'clear_input' },
} as const;

/** The values of the quit choice and of the clear checkbox. */
export const QUIT = { ends: 'ends', stays: 'stays' } as const;
export const CLEAR = 'clear';
