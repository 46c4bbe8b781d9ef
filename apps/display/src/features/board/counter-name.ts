/**
 * What a counter's name says beyond its number, for the board's tile, which shows the number
 * already, large, in its pill: "Loket 6 (Prioritas)" → "Prioritas", "Loket 17 – BPJS" → "BPJS".
 * A name that says nothing more ("Loket 7"), or does not start with the number, stays whole.
 */
export function counterNameBeyondNumber(name: string, number: number): string {
  const prefix = new RegExp(`^\\s*\\p{L}+\\.?\\s*0*${number}(?!\\d)\\s*[-–—:·,]?\\s*`, 'u');
  const match = prefix.exec(name);
  if (!match) return name.trim();
  let rest = name.slice(match[0].length).trim();
  const wrapped = /^\((.*)\)$/u.exec(rest);
  if (wrapped) rest = wrapped[1].trim();
  return rest || name.trim();
}
