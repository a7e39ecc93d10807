import { benchBoardSeed } from './board.ts';
for (const n of process.argv.slice(2).map(Number)) {
	const t = performance.now();
	const u = await benchBoardSeed(n);
	console.log(
		n,
		u.length,
		'updates',
		(u.reduce((a, b) => a + b.length, 0) / 1024).toFixed(0),
		'KiB',
		(performance.now() - t).toFixed(0),
		'ms'
	);
}
