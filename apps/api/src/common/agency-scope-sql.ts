/**
 * libs/domain's agency scope (`agency-scope.ts`, issue 20) in SQL, for the reads an agency
 * supervisor makes: `param` is the agency's id, or null for the whole office (every row).
 * A ticket is the agency's when its service is, or when it is at one of its counters
 * (`ticketWithinAgency`); a counter, service or complaint when it belongs to the agency.
 */
const agencyServices = (param: string) => `(SELECT id FROM services WHERE agency_id = ${param}::uuid)`;
const agencyCounters = (param: string) => `(SELECT id FROM counters WHERE agency_id = ${param}::uuid)`;

export function serviceInAgency(column: string, param: string): string {
  return `(${param}::uuid IS NULL OR ${column} IN ${agencyServices(param)})`;
}

export function counterInAgency(column: string, param: string): string {
  return `(${param}::uuid IS NULL OR ${column} IN ${agencyCounters(param)})`;
}

export function ticketInAgency(serviceColumn: string, counterColumn: string, param: string): string {
  return `(${param}::uuid IS NULL OR ${serviceColumn} IN ${agencyServices(param)} OR ${counterColumn} IN ${agencyCounters(param)})`;
}
