/**
 * Where a benchmark ran and how much memory it took: shared by every
 * benchmark command (bench/run.ts, bench/worker.ts, bench/repair.ts).
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { MachineInfo } from './types.js';

/** The machine now: Node, CPU, cores, memory, platform, date and the load average at this moment. */
export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    node: process.version, cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, memoryGB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`, date: new Date().toISOString(), loadAverage: loadavg(),
  };
}

/** Bytes in whole megabytes (MiB). */
export function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

/** Resident memory of this process now, MB. */
export function rssMB(): number {
  return mb(process.memoryUsage().rss);
}

/** Peak resident memory of this process so far, MB. */
export function peakRssMB(): number {
  // maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Runs a full garbage collection when Node was started with `--expose-gc`, so a timed part does not pay for earlier garbage. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Load averages rounded for a report line: `2.10 / 1.48 / 0.73`. */
export function formatLoad(load: readonly number[] | undefined): string {
  return load ? load.map((x) => x.toFixed(2)).join(' / ') : '—';
}
