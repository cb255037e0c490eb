/** Linux /proc readings of one Chromium profile's processes, for the extension benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) used so far by the browser started with `profile`: its extension process, and all its processes. */
export function cpuSeconds(profile: string): { ext: number; all: number } {
  let ext = 0;
  let all = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(profile)) continue;
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      const s = (Number(f[11]) + Number(f[12])) / 100;
      all += s;
      if (cmd.includes('--extension-process')) ext += s;
    } catch {
      /* process ended */
    }
  }
  return { ext, all };
}

/** CPU time (clock ticks, 10 ms) of every thread of this profile's browser processes, by process kind and thread name. */
export function threadCpu(profileDir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(profileDir)) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      const proc = cmd.includes('--extension-process') ? 'extension' : type;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${proc}/${name}`;
        out.set(key, (out.get(key) ?? 0) + Number(f[11]) + Number(f[12]));
      }
    } catch {
      /* ended */
    }
  }
  return out;
}
