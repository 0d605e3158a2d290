package org.opencrm.web.picker;

/**
 * The kinds of record a form can refer to with a picker, each with the address of its
 * suggestions (under its area's path, so the area's access rules apply to it too).
 */
public enum PickerKind {

	ACCOUNT("/accounts/pick"), CONTACT("/contacts/pick"), SEGMENT("/marketing/segments/pick"),
	TEMPLATE("/marketing/templates/pick"), CAMPAIGN("/marketing/campaigns/pick"), TICKET("/service/tickets/pick");

	private final String url;

	PickerKind(String url) {
		this.url = url;
	}

	/** Where the picker asks for suggestions. */
	public String url() {
		return url;
	}

	/** The kind whose suggestions answer at {@code url}. */
	static PickerKind at(String url) {
		for (PickerKind kind : values()) {
			if (kind.url.equals(url)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("No picker answers at " + url);
	}

}
