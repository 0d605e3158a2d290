package org.opencrm.service.knowledge;

import java.time.Instant;

/**
 * One article as its page shows it; {@code bodyHtml} is sanitised and safe to print
 * unescaped.
 */
public record ArticleDetails(long id, long categoryId, String categoryName, String title, String body, String bodyHtml,
		ArticleStatus status, ArticleVisibility visibility, String authorName, Instant publishedAt, Instant updatedAt,
		long version) {

	public boolean isPublic() {
		return status == ArticleStatus.PUBLISHED && visibility == ArticleVisibility.PUBLIC;
	}
}
