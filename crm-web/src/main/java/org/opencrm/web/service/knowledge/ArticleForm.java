package org.opencrm.web.service.knowledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencrm.service.knowledge.ArticleCommand;
import org.opencrm.service.knowledge.ArticleDetails;
import org.opencrm.service.knowledge.ArticleStatus;
import org.opencrm.service.knowledge.ArticleVisibility;

/** The article editor as typed. */
class ArticleForm implements java.io.Serializable {

	@NotNull
	private Long categoryId;

	@NotBlank
	@Size(max = 200)
	private String title;

	@NotBlank
	@Size(max = 100_000)
	private String body;

	@NotNull
	private ArticleStatus status = ArticleStatus.DRAFT;

	@NotNull
	private ArticleVisibility visibility = ArticleVisibility.PUBLIC;

	private long version;

	static ArticleForm of(ArticleDetails a) {
		ArticleForm f = new ArticleForm();
		f.categoryId = a.categoryId();
		f.title = a.title();
		f.body = a.body();
		f.status = a.status();
		f.visibility = a.visibility();
		f.version = a.version();
		return f;
	}

	ArticleCommand toCommand() {
		return new ArticleCommand(categoryId, title.trim(), body, status, visibility, version);
	}

	public Long getCategoryId() {
		return categoryId;
	}

	public void setCategoryId(Long categoryId) {
		this.categoryId = categoryId;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}

	public ArticleStatus getStatus() {
		return status;
	}

	public void setStatus(ArticleStatus status) {
		this.status = status;
	}

	public ArticleVisibility getVisibility() {
		return visibility;
	}

	public void setVisibility(ArticleVisibility visibility) {
		this.visibility = visibility;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
