/**
 * Fakes for calling a listener directly, with no HTTP: a `ListenerDeps` wired as the app wires it, whose every port
 * is a fake that records what reached it and answers as scripted (one file per port in fakes/), and the argument
 * bags Bolt hands a listener.
 */

export * from './fakes/admin-api';
export * from './fakes/args';
export * from './fakes/deps';
export * from './fakes/directory';
export * from './fakes/people';
export * from './fakes/plans';
export * from './fakes/store';
export * from './fakes/surface';
