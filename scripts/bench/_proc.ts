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
