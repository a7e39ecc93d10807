/** Resource readings of a server process from /proc (Linux only). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | null = null;

/** `getconf CLK_TCK`: the unit of utime/stime in /proc/<pid>/stat (100 on Linux). */
export function clkTck(): number {
	if (clockTicks === null) {
		const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
		if (!Number.isInteger(value) || value <= 0) throw new Error(`bad CLK_TCK: ${value}`);
		clockTicks = value;
	}
	return clockTicks;
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces and parens). */
function statFields(pid: number): string[] {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system, all threads) the process has used so far. */
export function cpuSeconds(pid: number): number {
	const fields = statFields(pid);
	// utime and stime are fields 14 and 15 of stat; field 3 (state) is index 0 here.
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return (utime + stime) / clkTck();
}

function statusKiB(pid: number, key: 'VmHWM' | 'VmRSS'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
	if (!match) throw new Error(`${key} missing from /proc/${pid}/status`);
	return Number(match[1]);
}

/** Peak resident set size over the process lifetime, in MiB. */
export function peakRssMiB(pid: number): number {
	return statusKiB(pid, 'VmHWM') / 1024;
}

/** Current resident set size, in MiB. */
export function rssMiB(pid: number): number {
	return statusKiB(pid, 'VmRSS') / 1024;
}
