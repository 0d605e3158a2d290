package org.opencrm.service.knowledge;

import java.time.Instant;

/** An article in the editors' list. */
public record ArticleRow(long id, String title, String categoryName, ArticleStatus status, ArticleVisibility visibility,
		String authorName, Instant updatedAt, String sortKey) {
}
