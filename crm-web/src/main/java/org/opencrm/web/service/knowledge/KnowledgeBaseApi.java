package org.opencrm.web.service.knowledge;

import org.opencrm.service.knowledge.ArticleDetails;
import org.opencrm.service.knowledge.ArticleHit;
import org.opencrm.service.knowledge.KnowledgeBase;
import org.opencrm.web.api.ApiPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base for API clients (staff): search, suggestions for a text, one
 * article. Search answers the best matches only, so its pages have no {@code next}.
 */
@RestController
@RequestMapping("/api/v1/kb")
class KnowledgeBaseApi {

	static final int MAX_LIMIT = 50;

	private final KnowledgeBase kb;

	KnowledgeBaseApi(KnowledgeBase kb) {
		this.kb = kb;
	}

	/**
	 * Published articles, internal ones included, best match first; drafts with
	 * {@code drafts=true}.
	 */
	@GetMapping("/articles")
	ApiPage<ArticleHit> search(@RequestParam String q, @RequestParam(defaultValue = "false") boolean drafts,
			@RequestParam(defaultValue = "20") int limit) {
		return new ApiPage<>(kb.search(q, false, drafts, clamp(limit)), null);
	}

	@GetMapping("/suggestions")
	ApiPage<ArticleHit> suggest(@RequestParam String text, @RequestParam(defaultValue = "5") int limit) {
		return new ApiPage<>(kb.suggest(text, clamp(limit)), null);
	}

	@GetMapping("/articles/{id}")
	ArticleDetails article(@PathVariable long id) {
		return kb.article(id, false);
	}

	private static int clamp(int limit) {
		return Math.max(1, Math.min(limit, MAX_LIMIT));
	}

}
