package org.opencrm.web.picker;

import java.io.Serializable;
import java.util.List;

/**
 * What a picker holds: the chosen record ({@code id}, {@code text} its name) or what was
 * typed, and when that is not one record the user may see, the message key
 * ({@code error}, with {@code text} as its argument) and the matches to choose from
 * ({@code choices}: the search-then-choose step that works without JavaScript).
 */
public record Picked(PickerKind kind, Long id, String text, String error,
		List<PickerOption> choices) implements Serializable {

	public Picked {
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	/** Nothing chosen, nothing typed. */
	public static Picked none(PickerKind kind) {
		return new Picked(kind, null, null, null, List.of());
	}

	static Picked chosen(PickerKind kind, PickerOption option) {
		return new Picked(kind, option.id(), option.name(), null, List.of());
	}

	/** A record was chosen. */
	public boolean isChosen() {
		return id != null && error == null;
	}

	/** Neither a choice nor a problem: the field was left empty. */
	public boolean isEmpty() {
		return id == null && error == null;
	}

	/** The suggestions' address (the fragment's {@code hx-get}). */
	public String url() {
		return kind.url();
	}

}
