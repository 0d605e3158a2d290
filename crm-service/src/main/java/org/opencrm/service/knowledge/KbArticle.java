package org.opencrm.service.knowledge;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.opencrm.core.shared.BaseEntity;

@Entity
@Table(name = "kb_articles")
class KbArticle extends BaseEntity {

	private long categoryId;

	private String title;

	private String body;

	private String bodyHtml;

	private String bodyText;

	@Enumerated(EnumType.STRING)
	private ArticleStatus status;

	@Enumerated(EnumType.STRING)
	private ArticleVisibility visibility;

	private Long authorId;

	private Instant publishedAt;

	protected KbArticle() {
	}

	KbArticle(Long authorId) {
		this.authorId = authorId;
	}

	/**
	 * Applies an edit; the body is rendered and sanitised here so no unsafe form is ever
	 * stored for pages.
	 */
	void revise(ArticleCommand cmd, ArticleRenderer.Rendered rendered, Instant now) {
		this.categoryId = cmd.categoryId();
		this.title = cmd.title().trim();
		this.body = cmd.body();
		this.bodyHtml = rendered.html();
		this.bodyText = rendered.text();
		this.visibility = cmd.visibility();
		if (cmd.status() == ArticleStatus.PUBLISHED && status != ArticleStatus.PUBLISHED) {
			publishedAt = now;
		}
		this.status = cmd.status();
	}

}
