/**
 * libs/domain's `countersServingFor` in SQL: how many active counters serve the service whose
 * id is the expression `service` (test/repositories/counters-open-sql.spec.ts). Read by service
 * through `counter_services_service`, and each of those counters by its key, so it costs the
 * service's few counters and not, as a join the planner answered by hashing the whole counters
 * table, every counter in the database (test/repositories/counter-services-plan.spec.ts).
 */
export function countersServingSql(service: string): string {
  return `(SELECT count(*)::int FROM counter_services cs WHERE cs.service_id = ${service} AND (SELECT c.active FROM counters c WHERE c.id = cs.counter_id))`;
}
