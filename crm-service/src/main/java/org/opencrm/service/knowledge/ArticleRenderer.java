package org.opencrm.service.knowledge;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Article bodies: Markdown (with HTML allowed) to HTML, then through an allow-list, so
 * whatever an editor pastes, no script, event handler, style or javascript: link reaches
 * a reader's browser.
 */
final class ArticleRenderer {

	record Rendered(String html, String text) {
	}

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer HTML = HtmlRenderer.builder().build();

	private static final Safelist SAFE = Safelist.relaxed().addAttributes("a", "rel").preserveRelativeLinks(true);

	private ArticleRenderer() {
	}

	static Rendered render(String markdown) {
		String raw = HTML.render(PARSER.parse(markdown == null ? "" : markdown));
		String safe = Jsoup.clean(raw, "https://kb.invalid/", SAFE, new Document.OutputSettings().prettyPrint(false));
		// Snippet markers (private-use characters) must never come from the text itself.
		String text = Jsoup.parse(safe)
			.text()
			.replace(KnowledgeBase.MARK_START, ' ')
			.replace(KnowledgeBase.MARK_STOP, ' ');
		return new Rendered(safe, text);
	}

}
