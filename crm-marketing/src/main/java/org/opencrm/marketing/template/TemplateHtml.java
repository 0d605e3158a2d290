package org.opencrm.marketing.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Cleans a template's HTML part on save with jsoup, keeping what e-mail layouts use
 * (tables, inline styles, images from http(s) or cid, links to http(s) or mailto, with
 * {@code {{merge.fields}}} anywhere in them, and {@code {{unsubscribeUrl}}} as a whole
 * address) and dropping what could run or redirect in a reader's mail program or our own
 * preview: scripts, event handlers, {@code javascript:} links, {@code <base>}, frames,
 * forms, {@code <style>} blocks. It says what it removed, so the marketer is told.
 */
final class TemplateHtml {

	/** The cleaned HTML, and each removed element or attribute once, in the order met. */
	record Cleaned(String html, List<String> removed) {
	}

	private static final String[] ALL_ATTRIBUTES = { "style", "class", "id", "align", "valign", "dir", "lang", "title",
			"width", "height", "bgcolor", "border" };

	/**
	 * Merge fields whose value is an address, so they may begin a link's or image's
	 * address.
	 */
	private static final Pattern URL_FIELD = Pattern.compile("^\\{\\{\\s*unsubscribeUrl\\s*}}");

	private static final MergeFieldSafelist SAFE = new MergeFieldSafelist(false);

	/**
	 * The same elements and attributes without the protocol check, for values that are a
	 * merge field.
	 */
	private static final MergeFieldSafelist ANY_PROTOCOL = new MergeFieldSafelist(true);

	private TemplateHtml() {
	}

	static Cleaned clean(String html) {
		if (html == null || html.isBlank()) {
			return new Cleaned(html, List.of());
		}
		Set<String> removed = new LinkedHashSet<>();
		Document dirty = Jsoup.parseBodyFragment(html);
		for (Element el : dirty.body().getAllElements()) {
			if (el == dirty.body()) {
				continue;
			}
			String tag = el.normalName();
			if (!SAFE.safeTag(tag)) {
				removed.add("<" + tag + ">");
				continue;
			}
			for (Attribute attr : el.attributes()) {
				if (!SAFE.safeAttribute(tag, el, attr)) {
					removed.add(attr.getKey().toLowerCase(Locale.ROOT) + " on <" + tag + ">");
				}
			}
		}
		// Elements of the document head (base, meta, link, style, title) never reach the
		// body fragment.
		for (Element el : Jsoup.parse(html).head().children()) {
			removed.add("<" + el.normalName() + ">");
		}
		String clean = Jsoup.clean(html, "", SAFE, new Document.OutputSettings().prettyPrint(false));
		return new Cleaned(clean, List.copyOf(removed));
	}

	/**
	 * An e-mail safelist whose link and image addresses may also be a
	 * {@code {{merge.field}}}.
	 */
	private static final class MergeFieldSafelist extends Safelist {

		private final boolean anyProtocol;

		MergeFieldSafelist(boolean anyProtocol) {
			this.anyProtocol = anyProtocol;
			addTags("a", "abbr", "address", "article", "b", "big", "blockquote", "br", "caption", "center", "cite",
					"code", "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "font",
					"footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "li", "main",
					"mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strike", "strong", "sub", "sup",
					"table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul");
			addAttributes(":all", ALL_ATTRIBUTES);
			addAttributes("a", "href", "name", "target", "rel");
			addAttributes("img", "src", "alt", "hspace", "vspace");
			addAttributes("table", "cellpadding", "cellspacing", "summary");
			addAttributes("td", "colspan", "rowspan", "nowrap", "abbr", "headers", "scope");
			addAttributes("th", "colspan", "rowspan", "nowrap", "abbr", "headers", "scope");
			addAttributes("col", "span");
			addAttributes("colgroup", "span");
			addAttributes("font", "color", "face", "size");
			addAttributes("ol", "start", "type");
			addAttributes("ul", "type");
			addAttributes("blockquote", "cite");
			addAttributes("q", "cite");
			if (!anyProtocol) {
				addProtocols("a", "href", "http", "https", "mailto");
				addProtocols("img", "src", "http", "https", "cid");
			}
		}

		boolean safeTag(String tag) {
			return isSafeTag(tag);
		}

		boolean safeAttribute(String tag, Element el, Attribute attr) {
			return isSafeAttribute(tag, el, attr);
		}

		@Override
		protected boolean isSafeAttribute(String tagName, Element el, Attribute attr) {
			String key = attr.getKey().toLowerCase(Locale.ROOT);
			String value = attr.getValue().strip().toLowerCase(Locale.ROOT);
			if (key.equals("style") && (value.contains("expression(") || value.contains("javascript:")
					|| value.contains("behavior:") || value.contains("-moz-binding") || value.contains("url("))) {
				// Inline styles stay, but not the old script hooks in CSS, nor addresses
				// fetched from it.
				return false;
			}
			if (!anyProtocol && (key.equals("href") || key.equals("src"))
					&& URL_FIELD.matcher(attr.getValue().strip()).find()) {
				return ANY_PROTOCOL.isSafeAttribute(tagName, el, attr);
			}
			return super.isSafeAttribute(tagName, el, attr);
		}

	}

}
