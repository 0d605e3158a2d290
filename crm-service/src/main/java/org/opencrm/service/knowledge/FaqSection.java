package org.opencrm.service.knowledge;

import java.util.List;

/** One category of the FAQ page with its published public articles, by title. */
public record FaqSection(long categoryId, String name, String description, List<Entry> articles) {

	public record Entry(long id, String title) {
	}
}
