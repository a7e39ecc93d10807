/**
 * Native <select> and date inputs cost ~15× a button to create, and the virtualised register
 * creates rows on every scroll frame. So cells render a light button that looks like the value
 * and swap in the native control when it gets focus (click or Tab); a click also opens the
 * control's picker. The control swaps back out on blur.
 */

/** Tracks whether the focus that is about to swap the control in came from a pointer. */
export class LazyControl {
	#pointer = false;

	/** On the stand-in button: a pointer press is about to focus it. */
	onpointerdown = () => {
		this.#pointer = true;
	};

	/** Attachment for the real control: focus it, and open its picker after a click. */
	attach = (node: HTMLSelectElement | HTMLInputElement) => {
		node.focus();
		if (this.#pointer) {
			try {
				node.showPicker();
			} catch {
				// No user activation (or no picker): the control is focused, which is enough.
			}
		}
		this.#pointer = false;
	};
}
