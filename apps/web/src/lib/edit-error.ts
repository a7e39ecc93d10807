/**
 * Runs an edit and turns a refusal from the model (a `BoardError`, e.g. an empty name or band
 * bounds out of order) into the message to show next to the field. The model is the only judge
 * of what is valid; the UI just reports what it says.
 */
import { BoardError } from '@riskboard/model';

/** Runs `edit`; returns null when it succeeded, else a message people can read. */
export function editError(edit: () => void): string | null {
	try {
		edit();
		return null;
	} catch (error) {
		if (error instanceof BoardError) return error.message;
		console.error(error);
		return 'That change could not be made.';
	}
}

/**
 * Runs a discrete edit (add, rename, remove, move) as its own undo step: the history's capture
 * window would otherwise merge it with an edit made just before or after.
 */
export function editStep(history: { stopCapturing(): void }, edit: () => void): string | null {
	history.stopCapturing();
	const error = editError(edit);
	history.stopCapturing();
	return error;
}
