import type { AuditSink } from '../audit/audit-record';
import type { Config } from '../config';
import type { DecodeRules } from '../sessions/plan';
import type { AdminApi } from '../sessions/ports';

/** What listeners need besides Bolt's own arguments. */
export interface ListenerDeps {
  config: Config;
  adminApi: AdminApi;
  planRules: DecodeRules;
  audit: AuditSink;
}
