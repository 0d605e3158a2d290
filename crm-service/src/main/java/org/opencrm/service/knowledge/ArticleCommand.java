package org.opencrm.service.knowledge;

/**
 * What an editor saves: body in Markdown (HTML allowed; it is sanitised). {@code version}
 * is the one they saw.
 */
public record ArticleCommand(long categoryId, String title, String body, ArticleStatus status,
		ArticleVisibility visibility, long version) {
}
