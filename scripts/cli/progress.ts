import { Presets, SingleBar } from 'cli-progress';

export const PROGRESS_FORMAT = '{phase} [{bar}] {value}/{total} rows | {percentage}% | {rate} rows/s | ETA {eta_formatted}';

/**
 * A progress bar for a job in phases (checking, writing, judging): each phase
 * its own bar, so that its percentage, rate and ETA are of that phase's rows.
 * On a terminal it redraws in place; otherwise (a log, CI) a line every two
 * seconds. On stderr, so that standard output carries only the result.
 */
export class PhasedProgress {
  private bar: SingleBar | null = null;
  private phase = '';
  private phaseStarted = 0;
  private startValue = 0;

  update(phase: string, value: number, total: number): void {
    const label = phase;
    total = Math.max(total, value, 1);
    if (phase !== this.phase) {
      this.stop();
      this.phase = phase;
      this.phaseStarted = Date.now();
      this.startValue = value;
      this.bar = new SingleBar(
        { format: PROGRESS_FORMAT, noTTYOutput: true, notTTYSchedule: 2000, hideCursor: false, etaBuffer: 20, fps: 5 },
        Presets.shades_classic,
      );
      this.bar.start(total, value, { phase: label, rate: '…' });
      return;
    }
    const elapsed = (Date.now() - this.phaseStarted) / 1000;
    this.bar?.setTotal(total);
    const rate = elapsed > 0.2 ? Math.round((value - this.startValue) / elapsed).toLocaleString('en-US') : '…';
    this.bar?.update(value, { phase: label, rate });
  }

  /** A phase without rows to count (judging): one line when it starts, one when it ends. */
  step(phase: string): void {
    if (phase === this.phase) return;
    this.stop();
    this.phase = phase;
    this.phaseStarted = Date.now();
    process.stderr.write(`${phase}…\n`);
    this.pendingStep = phase;
  }

  private pendingStep: string | null = null;

  stop(): void {
    if (this.pendingStep) {
      process.stderr.write(`${this.pendingStep}: done in ${((Date.now() - this.phaseStarted) / 1000).toFixed(1)} s\n`);
      this.pendingStep = null;
    }
    this.bar?.stop();
    this.bar = null;
  }
}
