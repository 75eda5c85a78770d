import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/** One parameter of a step, as manifest.yml declares it under `functions.<callback_id>`. */
export interface StepParameter {
  type: string;
  items?: { type: string };
  enum?: string[];
  title?: string;
  description?: string;
  is_required?: boolean;
}

export interface StepDefinition {
  title: string;
  description?: string;
  input_parameters: Record<string, StepParameter>;
  output_parameters: Record<string, StepParameter>;
}

/**
 * The project's manifest.yml, found above this file wherever it runs from: test/support/ under jest, or a deeper
 * dist/ when the bench, the demo or the image check compile the fake Slack.
 */
function manifestPath(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'manifest.yml')) && existsSync(join(dir, 'package.json')))
      return join(dir, 'manifest.yml');
  }
  throw new Error(`no manifest.yml above ${__dirname}`);
}

/** manifest.yml as Slack reads it: the fake Slack checks outputs against it, and tests send what it declares. */
export const MANIFEST = parse(readFileSync(manifestPath(), 'utf8')) as {
  functions: Record<string, StepDefinition>;
  settings: { event_subscriptions: { bot_events: string[] }; function_runtime?: string; org_deploy_enabled?: boolean };
};

/** A step's definition by callback_id; a step the manifest does not declare is a test's mistake. */
export function stepDefinition(callbackId: string): StepDefinition {
  const step = MANIFEST.functions[callbackId];
  if (!step) throw new Error(`manifest.yml declares no function ${callbackId}`);
  return step;
}

/**
 * Outputs as Slack checks them against the step's output_parameters: every required one given, nothing undeclared,
 * each of its declared type. The problems, none when they are valid (then Slack completes the step).
 */
export function outputProblems(callbackId: string, outputs: Record<string, unknown>): string[] {
  const declared = stepDefinition(callbackId).output_parameters;
  const problems: string[] = [];
  for (const [name, p] of Object.entries(declared)) {
    if (p.is_required && outputs[name] === undefined) problems.push(`${name} is required`);
  }
  for (const [name, value] of Object.entries(outputs)) {
    const p = declared[name];
    if (!p) {
      problems.push(`${name} is not an output of ${callbackId}`);
      continue;
    }
    const ok =
      p.type === 'string'
        ? typeof value === 'string'
        : p.type === 'integer'
          ? Number.isInteger(value)
          : p.type === 'number'
            ? typeof value === 'number'
            : p.type === 'boolean'
              ? typeof value === 'boolean'
              : p.type === 'slack#/types/user_id'
                ? typeof value === 'string' && /^[UW][A-Z0-9]{8,}$/.test(value)
                : false;
    if (!ok) problems.push(`${name} is not a ${p.type}`);
  }
  return problems;
}
