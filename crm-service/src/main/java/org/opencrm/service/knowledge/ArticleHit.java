package org.opencrm.service.knowledge;

import java.time.Instant;

/**
 * A search result or suggestion. {@code snippetHtml} is escaped text with the matched
 * words in {@code <mark>}: safe to print unescaped.
 */
public record ArticleHit(long id, String title, String categoryName, String snippetHtml, double rank,
		ArticleStatus status, ArticleVisibility visibility, Instant updatedAt) {
}
