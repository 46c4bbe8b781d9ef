/** Reads a V8 .cpuprofile and names where the time went: self time per function and per package. */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /**
   * `callers`: for a function of the runtime (a syscall such as stat or writev, a built-in), the
   * nearest frames of the product or its packages it was called from, by share of its time.
   */
  topFunctions: { name: string; where: string; selfMs: number; share: number; callers?: { name: string; where: string; share: number }[] }[];
  topPackages: { name: string; selfMs: number; share: number }[];
}

function packageOf(url: string): string {
  if (!url) return '(native: V8 built-ins, fs, sockets)';
  if (url.startsWith('wasm://')) return 'PGlite WASM (the database engine)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node (core)';
  const match = /\/(apps|libs)\/([^/]+)\//.exec(url);
  return match ? `${match[1]}/${match[2]}` : url;
}

const whereOf = (frame: ProfileNode['callFrame']) =>
  frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(apps|libs)\//, '$1/')}:${frame.lineNumber + 1}` : '';

/** A frame of the product or of a package, not of the runtime (node core, V8's built-ins, the VM's own states). */
const ownFrame = (frame: ProfileNode['callFrame']) => frame.url !== '' && !frame.url.startsWith('node:') && frame.functionName !== '(root)';

export async function summarizeProfile(path: string, top = 12): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** The nearest own frame above a node (itself excluded): where a call into the runtime came from. */
  const callerOf = (id: number): string => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (ownFrame(frame)) return `${frame.functionName || '(anonymous)'}@${whereOf(frame)}`;
    }
    return '(none)@';
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const total = [...self.values()].reduce((sum, ms) => sum + ms, 0);
  const functions = new Map<string, { name: string; where: string; selfMs: number; callers: Map<string, number> }>();
  const packages = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    const where = whereOf(frame);
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, selfMs: 0, callers: new Map<string, number>() };
    entry.selfMs += ms;
    if (!ownFrame(frame)) {
      const caller = callerOf(id);
      entry.callers.set(caller, (entry.callers.get(caller) ?? 0) + ms);
    }
    functions.set(key, entry);
    const pkg = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  const share = (ms: number) => Math.round((ms / total) * 1000) / 10;
  return {
    totalMs: Math.round(total),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map(({ callers, ...f }) => ({
        ...f,
        selfMs: Math.round(f.selfMs),
        share: share(f.selfMs),
        ...(callers.size > 0 && !['(idle)', '(program)', '(garbage collector)'].includes(f.name)
          ? {
              callers: [...callers]
                .sort((a, b) => b[1] - a[1])
                .slice(0, 3)
                .map(([key, ms]) => {
                  const at = key.indexOf('@');
                  return { name: key.slice(0, at), where: key.slice(at + 1), share: Math.round((ms / f.selfMs) * 1000) / 10 };
                }),
            }
          : {}),
      })),
    topPackages: [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, selfMs: Math.round(ms), share: share(ms) })),
  };
}

/** A runtime function's callers for a table cell: `serveStatic (serve-static/index.js:72) 98%; …`. */
export function callersCell(fn: ProfileSummary['topFunctions'][number]): string {
  return (fn.callers ?? []).map((c) => `${c.name}${c.where ? ` (${c.where})` : ''} ${c.share}%`).join('; ');
}
