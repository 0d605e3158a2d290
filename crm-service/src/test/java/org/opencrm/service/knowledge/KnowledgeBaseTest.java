package org.opencrm.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.service.ServiceTestData.unique;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "crm.scheduling.enabled=false")
class KnowledgeBaseTest {

	@Autowired
	KnowledgeBase kb;

	private long category(String u) {
		return kb.createCategory("Help " + u, null);
	}

	private long published(long category, String title, String body) {
		return kb.createArticle(
				new ArticleCommand(category, title, body, ArticleStatus.PUBLISHED, ArticleVisibility.PUBLIC, 0));
	}

	private static List<String> titles(List<ArticleHit> hits) {
		return hits.stream().map(ArticleHit::title).toList();
	}

	@Test
	void searchRanksTheRightArticleFirstOnASmallCorpus() {
		// Given five articles that all carry this test's word u, so only they can match
		// "u ..." queries
		String u = unique();
		long c = category(u);
		published(c, "Reset your password",
				u + " Forgot it? Use the reset link on the sign-in page and choose a new password.");
		published(c, "Returns policy", u + " You can return unused products within 30 days for a full refund.");
		published(c, "Invoice questions",
				u + " Every invoice is a PDF under My orders. Billing address corrections take two days.");
		published(c, "Shipping costs and delivery times",
				u + " Standard shipping takes 2 to 4 working days; delivery is free from 100 EUR.");
		published(c, "Changing your e-mail address",
				u + " Enter the new address and confirm it; your password stays the same.");

		// Then each question finds its article first; a title match outranks a body
		// mention
		assertThat(titles(kb.search(u + " password", true, false, 10))).first().isEqualTo("Reset your password");
		assertThat(titles(kb.search(u + " password", true, false, 10))).containsExactly("Reset your password",
				"Changing your e-mail address");
		assertThat(titles(kb.search(u + " refund", true, false, 10))).containsExactly("Returns policy");
		assertThat(titles(kb.search(u + " invoices billing", true, false, 10))).first().isEqualTo("Invoice questions");
		assertThat(titles(kb.search(u + " delivery", true, false, 10))).first()
			.isEqualTo("Shipping costs and delivery times");
		assertThat(titles(kb.search(u + " \"return unused products\"", true, false, 10)))
			.containsExactly("Returns policy");
		assertThat(titles(kb.search(u + " password -address", true, false, 10))).containsExactly("Reset your password");
		// And the snippet marks the matched words
		assertThat(kb.search(u + " refund", true, false, 10).get(0).snippetHtml()).contains("<mark>refund</mark>");
	}

	@Test
	void draftsAndInternalArticlesNeverAppearPublicly() {
		String u = unique();
		long c = category(u);
		long open = published(c, "Public " + u, u + " visible to everyone");
		long draft = kb.createArticle(
				new ArticleCommand(c, "Draft " + u, u + " not yet", ArticleStatus.DRAFT, ArticleVisibility.PUBLIC, 0));
		long internal = kb.createArticle(new ArticleCommand(c, "Internal " + u, u + " agents only",
				ArticleStatus.PUBLISHED, ArticleVisibility.INTERNAL, 0));

		assertThat(kb.search(u, true, false, 10)).extracting(ArticleHit::id).containsExactly(open);
		assertThat(kb.faq()).flatExtracting(FaqSection::articles)
			.extracting(FaqSection.Entry::id)
			.contains(open)
			.doesNotContain(draft, internal);
		assertThatThrownBy(() -> kb.article(draft, true)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> kb.article(internal, true)).isInstanceOf(NotFoundException.class);
		assertThat(kb.article(open, true).title()).isEqualTo("Public " + u);
		// Agents see internal articles; editors drafts too
		assertThat(kb.search(u, false, false, 10)).extracting(ArticleHit::id).containsExactlyInAnyOrder(open, internal);
		assertThat(kb.search(u, false, true, 10)).extracting(ArticleHit::id)
			.containsExactlyInAnyOrder(open, internal, draft);
		assertThat(kb.suggest(u, 10)).extracting(ArticleHit::id).doesNotContain(draft);
	}

	@Test
	void unsafeMarkupIsNeutralisedInArticlesAndSnippets() {
		String u = unique();
		long c = category(u);
		long id = published(c, "Unsafe " + u, u + " **bold** <script>alert('x')</script>\n\n"
				+ "<img src=\"x\" onerror=\"alert(1)\"> [click](javascript:alert(2)) <a href=\"https://example.com\" "
				+ "onclick=\"steal()\">ok</a> <iframe src=\"https://evil.example\"></iframe> <style>body{}</style>\n\n"
				+ "Type `<b>tag</b>` to " + u + " format.");

		String html = kb.article(id, true).bodyHtml();

		assertThat(html).contains("<strong>bold</strong>")
			.contains("href=\"https://example.com\"")
			.doesNotContainIgnoringCase("<script")
			.doesNotContainIgnoringCase("onerror")
			.doesNotContainIgnoringCase("onclick")
			.doesNotContainIgnoringCase("javascript:")
			.doesNotContainIgnoringCase("<iframe")
			.doesNotContainIgnoringCase("<style");
		String snippet = kb.search(u + " format", true, false, 5).get(0).snippetHtml();
		assertThat(snippet).contains("<mark>format</mark>");
		assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<");
		assertThat(KnowledgeBase.markedSnippet("<b>x</b> \uE000hit\uE001"))
			.isEqualTo("&lt;b&gt;x&lt;/b&gt; <mark>hit</mark>");
	}

	@Test
	void aLongTicketTextStillGetsTheRightSuggestion() {
		String u = unique();
		long c = category(u);
		published(c, "Refund after a return " + u, "Refunds arrive within 5 working days after the returned parcel "
				+ "arrives, to the payment method you used.");
		published(c, "Changing the delivery address " + u, "Until the order is packed you can change the address.");
		String ticket = "Hello, I am writing because three weeks ago I sent back the parcel " + u
				+ " with the blue jacket that did not fit. The courier confirmed the returned parcel arrived at your "
				+ "warehouse last Tuesday, but I still have not received my refund on my credit card. Could you please "
				+ "check what is going on? My neighbour also says hi. Kind regards, Jane";

		List<ArticleHit> suggestions = kb.suggest(ticket, 5);

		assertThat(suggestions).isNotEmpty();
		assertThat(suggestions.get(0).title()).isEqualTo("Refund after a return " + u);
		// A plain search needs every word, so the same text finds nothing: hence the
		// OR-query
		assertThat(kb.search(ticket, false, false, 5)).isEmpty();
		assertThat(kb.suggest("   ", 5)).isEmpty();
		assertThat(kb.suggest("the and of", 5)).isEmpty();
	}

	@Test
	void aStaleEditConflictsAndAnUnknownCategoryIsRefused() {
		String u = unique();
		long c = category(u);
		long id = published(c, "Editable " + u, "first");
		kb.updateArticle(id,
				new ArticleCommand(c, "Edited " + u, "second", ArticleStatus.PUBLISHED, ArticleVisibility.PUBLIC, 0));

		assertThatThrownBy(() -> kb.updateArticle(id,
				new ArticleCommand(c, "Stale " + u, "third", ArticleStatus.PUBLISHED, ArticleVisibility.PUBLIC, 0)))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> kb
			.createArticle(new ArticleCommand(-1, "Nowhere", "x", ArticleStatus.DRAFT, ArticleVisibility.PUBLIC, 0)))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "kb.article.unknownCategory");
		assertThatThrownBy(() -> kb.createCategory("Help " + u, null)).isInstanceOf(RuleViolationException.class);
		assertThat(kb.article(id, false).title()).isEqualTo("Edited " + u);
	}

}
