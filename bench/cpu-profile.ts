/**
 * CPU profile of one phase of this process, taken with the inspector's sampling profiler — the
 * same profiler and `.cpuprofile` format as `node --cpu-prof`, but started and stopped around
 * the phase so set-up does not drown it — and a summary: self time by package, the costliest
 * functions, and inclusive time of our own (engine/, api/) functions.
 */
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { round } from './stats.ts';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface ProfileShare { name: string; ms: number; percent: number }

export interface ProfileSummary {
  file: string;
  wallMs: number;
  /** Sampled time not idle: the event loop was running JavaScript, GC or native code. */
  busyMs: number;
  /** Sampled time the event loop had nothing to do (waiting on the network or PostgreSQL). */
  idleMs: number;
  /** Self time grouped by what it belongs to (percent of busy time). */
  byGroup: ProfileShare[];
  /** Self time per package / area (percent of busy time). */
  byPackage: ProfileShare[];
  /** The functions with most self time. */
  topSelf: ProfileShare[];
  /** Inclusive time of our own functions (engine/, api/), outermost call only. */
  ourInclusive: ProfileShare[];
  /** Inclusive time of selected library entry points that explain the cost. */
  markers: ProfileShare[];
}

export class PhaseProfiler {
  private session: Session | undefined;

  async start(samplingIntervalUs = 500): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await this.session.post('Profiler.start');
  }

  async stop(file: string): Promise<ProfileSummary> {
    if (!this.session) throw new Error('profiler not started');
    const { profile } = (await this.session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    await this.session.post('Profiler.disable');
    this.session.disconnect();
    this.session = undefined;
    await writeFile(file, JSON.stringify(profile));
    return summarizeProfile(profile, file);
  }
}

/** Where a frame's code lives: a package name, node core, our folders, or a VM pseudo-frame. */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle)
    return `V8 builtin`;
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  for (const area of ['engine', 'api', 'bench']) {
    const at = url.indexOf(`/${area}/`);
    if (at >= 0) return `${area}/${url.slice(at + area.length + 2).split('/')[0]}`;
  }
  return url;
}

const GROUPS: Array<[string, (pkg: string) => boolean]> = [
  ['idle', (p) => p === '(idle)'],
  ['garbage collection', (p) => p === '(garbage collector)'],
  ['bpmn engine (bpmn-engine, bpmn-elements, smqp messaging)', (p) => ['bpmn-engine', 'bpmn-elements', 'smqp', 'moddle-context-serializer'].includes(p)],
  ['pg driver (pg, pg-protocol, pg-types, pg-pool)', (p) => p.startsWith('pg') || p === 'postgres-array' || p === 'postgres-date'],
  ['express + middleware (express, router, body-parser, helmet, cookie-parser, …)', (p) => ['express', 'router', 'body-parser', 'raw-body', 'helmet', 'cookie-parser', 'cookie', 'type-is', 'content-type', 'finalhandler', 'send', 'mime-types', 'qs', 'iconv-lite', 'on-finished', 'depd', 'accepts', 'negotiator', 'path-to-regexp', 'debug', 'statuses', 'http-errors', 'parseurl', 'vary', 'fresh', 'etag', 'encodeurl', 'escape-html', 'proxy-addr', 'forwarded', 'ipaddr.js', 'content-disposition', 'merge-descriptors', 'unpipe', 'ee-first', 'express-rate-limit', 'setprototypeof', 'media-typer', 'range-parser', 'serve-static'].includes(p)],
  ['logging (pino, pino-http)', (p) => p.startsWith('pino') || p === 'sonic-boom' || p === 'thread-stream' || p === 'fast-redact' || p === 'quick-format-unescaped' || p === 'on-exit-leak-free' || p === 'safe-stable-stringify'],
  ['zod validation', (p) => p === 'zod'],
  ['our engine/ code', (p) => p.startsWith('engine/')],
  ['our api/ code', (p) => p.startsWith('api/')],
  ['node core (http, net, streams, crypto, timers…)', (p) => p.startsWith('node:')],
  ['V8 builtins (JSON, RegExp, Array…) and native code', (p) => p === 'V8 builtin' || p === '(program)'],
];

function groupOf(pkg: string): string {
  return GROUPS.find(([, test]) => test(pkg))?.[0] ?? 'other packages';
}

/** Library entry points whose inclusive time explains the cost (file fragment, function name). */
const MARKERS: Array<[string, string, string]> = [
  ['engine state → JSON (LiveEngine.state / Engine.getState)', 'engine-host/live-engine.ts', 'state'],
  ['engine rebuilt from stored state (LiveEngine.restore)', 'engine-host/live-engine.ts', 'restore'],
  ['engine signal (LiveEngine.signal, incl. isWaiting)', 'engine-host/live-engine.ts', 'signal'],
  ['saving a command (saveChanges: JSON + pg writes)', 'postgres/pg-case-store.ts', 'saveChanges'],
  ['JSON.stringify (anywhere)', '', 'stringify'],
  ['JSON.parse (anywhere)', '', 'parse'],
  ['session lookup (authenticate)', 'auth/authenticate.ts', ''],
  ['answer presenting (presentTask)', 'cases/case-presenter.ts', 'presentTask'],
];

export function summarizeProfile(profile: CpuProfile, file: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node (µs): a sample lasts until the next one (timeDeltas[i] is the gap
  // *before* sample i, and the first one spans the profiler's own start-up).
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i + 1] ?? 0));
  }
  const wallUs = profile.endTime - profile.startTime;
  let idleUs = 0;
  const pkgUs = new Map<string, number>();
  const groupUs = new Map<string, number>();
  const fnUs = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const ourUs = new Map<string, number>();
  const markerUs = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const pkg = packageOf(node.callFrame);
    if (pkg === '(idle)') {
      idleUs += us;
      continue;
    }
    add(pkgUs, pkg, us);
    add(groupUs, groupOf(pkg), us);
    add(fnUs, `${node.callFrame.functionName || '(anonymous)'} — ${pkg}:${node.callFrame.lineNumber + 1}`, us);
    // Walk up the stack once: inclusive time to every distinct own function and marker on it.
    const seenOur = new Set<string>();
    const seenMarker = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const framePkg = packageOf(frame);
      if (framePkg.startsWith('engine/') || framePkg.startsWith('api/')) {
        const file = frame.url.slice(frame.url.lastIndexOf(framePkg.split('/')[0]! + '/'));
        const key = `${frame.functionName || '(anonymous)'} — ${file}:${frame.lineNumber + 1}`;
        if (!seenOur.has(key)) {
          seenOur.add(key);
          add(ourUs, key, us);
        }
      }
      for (const [label, fragment, fn] of MARKERS) {
        if (seenMarker.has(label)) continue;
        const urlOk = fragment ? frame.url.includes(fragment) : !frame.url;
        const fnOk = fn ? frame.functionName === fn : true;
        if (urlOk && fnOk) {
          seenMarker.add(label);
          add(markerUs, label, us);
        }
      }
    }
  }
  const busyUs = Math.max(1, [...pkgUs.values()].reduce((a, b) => a + b, 0));
  const shares = (map: Map<string, number>, top: number): ProfileShare[] =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([name, us]) => ({ name, ms: round(us / 1000, 1), percent: round((100 * us) / busyUs, 1) }));
  return {
    file, wallMs: round(wallUs / 1000, 1), busyMs: round(busyUs / 1000, 1), idleMs: round(idleUs / 1000, 1),
    byGroup: shares(groupUs, 20), byPackage: shares(pkgUs, 20), topSelf: shares(fnUs, 20), ourInclusive: shares(ourUs, 25),
    markers: MARKERS.map(([label]) => label).filter((l) => markerUs.has(l)).map((label) => {
      const us = markerUs.get(label)!;
      return { name: label, ms: round(us / 1000, 1), percent: round((100 * us) / busyUs, 1) };
    }),
  };
}
