package org.opencrm.marketing.template;

import static org.opencrm.core.mail.MergeFields.Unknown.EMPTY;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.mail.MergeFields;

/**
 * Checks and fills templates. Merge fields are {@code {{name}}} from a fixed list; the
 * HTML part must be well balanced (every element closed explicitly, except void elements
 * such as {@code <br>
 * }), from a known set of elements and without scripts. Problems name the place as
 * line:column. Values are HTML-escaped in the HTML part, left as they are in subject and
 * text.
 */
public final class TemplateMarkup {

	public static final Set<String> FIELDS = Set.of("contact.firstName", "contact.lastName", "contact.email",
			"account.name", "owner.fullName", "owner.signature", "unsubscribeUrl");

	private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
			"meta", "source", "track", "wbr");

	private static final Set<String> KNOWN = Set.of("a", "abbr", "address", "area", "article", "aside", "b", "base",
			"bdi", "bdo", "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup",
			"dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1",
			"h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "img", "ins", "kbd", "label", "li",
			"link", "main", "mark", "meta", "nav", "ol", "p", "picture", "pre", "q", "s", "section", "small", "source",
			"span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
			"thead", "title", "tr", "u", "ul", "wbr");

	private static final Set<String> FORBIDDEN = Set.of("script", "iframe", "object", "embed", "form", "input",
			"button");

	private static final Pattern LINK = Pattern.compile("(href\\s*=\\s*\")(https?://[^\"]+)(\")",
			Pattern.CASE_INSENSITIVE);

	private TemplateMarkup() {
	}

	/** Throws {@link TemplateInvalidException} at the first problem of any part. */
	public static void check(String subject, String html, String text) {
		checkFields("subject", subject);
		checkFields("htmlBody", html);
		checkHtml(html);
		checkFields("textBody", text);
	}

	public static RenderedEmail render(String subject, String html, String text, MergeData data) {
		return render(subject, html, text, data, UnaryOperator.identity());
	}

	/**
	 * The subject as the recipient got it, merge fields filled (for the timeline, which
	 * must never show {@code {{contact.firstName}}}).
	 */
	public static String subject(String subject, MergeData data) {
		return MergeFields.fill(subject, values(data), EMPTY).replaceAll("[\r\n]+", " ");
	}

	/** {@code links} rewrites each absolute link of the HTML part (click tracking). */
	public static RenderedEmail render(String subject, String html, String text, MergeData data,
			UnaryOperator<String> links) {
		Map<String, String> values = values(data);
		String trackedHtml = rewriteLinks(html, links);
		return new RenderedEmail(MergeFields.fill(subject, values, EMPTY).replaceAll("[\r\n]+", " "),
				MergeFields.fill(trackedHtml, values, v -> escape(v).replace("\n", "<br>"), EMPTY),
				MergeFields.fill(text, values, EMPTY));
	}

	private static String rewriteLinks(String html, UnaryOperator<String> links) {
		Matcher m = LINK.matcher(html);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String url = unescapeUrl(m.group(2));
			m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + escape(links.apply(url)) + m.group(3)));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static Map<String, String> values(MergeData d) {
		return Map.of("contact.firstName", nz(d.firstName()), "contact.lastName", nz(d.lastName()), "contact.email",
				nz(d.email()), "account.name", nz(d.accountName()), "owner.fullName", nz(d.ownerFullName()),
				"owner.signature", d.ownerSignature(), "unsubscribeUrl", nz(d.unsubscribeUrl()));
	}

	/** Escapes text for HTML content and quoted attribute values. */
	public static String escape(String s) {
		StringBuilder out = new StringBuilder(s.length() + 16);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Links in templates are written with &amp;amp; for &amp;; the token must carry the
	 * real URL.
	 */
	private static String unescapeUrl(String s) {
		return s.replace("&amp;", "&");
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	static void checkFields(String part, String source) {
		int from = 0;
		while (true) {
			int open = source.indexOf("{{", from);
			if (open < 0) {
				int stray = source.indexOf("}}", from);
				if (stray >= 0) {
					throw problem(part, source, stray, "template.field.unopened", "“}}” without “{{”");
				}
				return;
			}
			int close = source.indexOf("}}", open + 2);
			int nextOpen = source.indexOf("{{", open + 2);
			if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
				throw problem(part, source, open, "template.field.unclosed", "“{{” is never closed");
			}
			int stray = source.indexOf("}}", from);
			if (stray >= 0 && stray < open) {
				throw problem(part, source, stray, "template.field.unopened", "“}}” without “{{”");
			}
			String name = source.substring(open + 2, close).trim();
			if (!FIELDS.contains(name)) {
				throw problem(part, source, open, "template.field.unknown", "unknown merge field {{" + name + "}}",
						name);
			}
			from = close + 2;
		}
	}

	private record Open(String name, int at) {
	}

	static void checkHtml(String html) {
		Deque<Open> open = new ArrayDeque<>();
		int i = 0;
		int n = html.length();
		while (i < n) {
			char c = html.charAt(i);
			if (c != '<') {
				i++;
				continue;
			}
			if (html.startsWith("<!--", i)) {
				int end = html.indexOf("-->", i + 4);
				if (end < 0) {
					throw problem("htmlBody", html, i, "template.html.unclosedComment", "comment is never closed");
				}
				i = end + 3;
				continue;
			}
			if (html.startsWith("<!", i)) {
				int end = html.indexOf('>', i);
				if (end < 0) {
					throw problem("htmlBody", html, i, "template.html.unclosedTag", "tag is never closed", "!");
				}
				i = end + 1;
				continue;
			}
			boolean closing = i + 1 < n && html.charAt(i + 1) == '/';
			int nameStart = i + (closing ? 2 : 1);
			int j = nameStart;
			while (j < n && (Character.isLetterOrDigit(html.charAt(j)))) {
				j++;
			}
			String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				// A lone "<" in text: browsers show it, but it is almost always a typo in
				// a template.
				throw problem("htmlBody", html, i, "template.html.strayLessThan",
						"“<” that starts no tag (write &lt;)");
			}
			int end = tagEnd(html, j);
			if (end < 0) {
				throw problem("htmlBody", html, i, "template.html.unclosedTag", "<" + name + " is never closed by “>”",
						name);
			}
			if (FORBIDDEN.contains(name)) {
				throw problem("htmlBody", html, i, "template.html.forbiddenTag",
						"<" + name + "> is not allowed in e-mail", name);
			}
			if (!KNOWN.contains(name)) {
				throw problem("htmlBody", html, i, "template.html.unknownTag", "unknown element <" + name + ">", name);
			}
			if (closing) {
				if (VOID.contains(name)) {
					throw problem("htmlBody", html, i, "template.html.voidClosed",
							"</" + name + "> closes a void element", name);
				}
				if (open.isEmpty()) {
					throw problem("htmlBody", html, i, "template.html.strayClose", "</" + name + "> closes nothing",
							name);
				}
				Open top = open.peek();
				if (!top.name().equals(name)) {
					int[] at = position(html, top.at());
					throw problem(
							"htmlBody", html, i, "template.html.mismatch", "</" + name + "> found where <" + top.name()
									+ "> (opened at " + at[0] + ":" + at[1] + ") must be closed first",
							name, top.name(), at[0], at[1]);
				}
				open.pop();
			}
			else if (!VOID.contains(name) && html.charAt(end - 1) != '/') {
				open.push(new Open(name, i));
				if (name.equals("style")) {
					int close = html.toLowerCase(Locale.ROOT).indexOf("</style", end);
					if (close < 0) {
						throw problem("htmlBody", html, i, "template.html.unclosed", "<style> is never closed", name);
					}
					i = close;
					continue;
				}
			}
			i = end + 1;
		}
		if (!open.isEmpty()) {
			Open last = open.peek();
			throw problem("htmlBody", html, last.at(), "template.html.unclosed",
					"<" + last.name() + "> is never closed", last.name());
		}
	}

	/**
	 * Index of the tag's closing "&gt;", skipping quoted attribute values; -1 if there is
	 * none.
	 */
	private static int tagEnd(String html, int from) {
		char quote = 0;
		for (int k = from; k < html.length(); k++) {
			char c = html.charAt(k);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '<') {
				return -1;
			}
			else if (c == '>') {
				return k;
			}
		}
		return -1;
	}

	static int[] position(String source, int index) {
		int line = 1;
		int col = 1;
		for (int k = 0; k < index; k++) {
			if (source.charAt(k) == '\n') {
				line++;
				col = 1;
			}
			else {
				col++;
			}
		}
		return new int[] { line, col };
	}

	private static TemplateInvalidException problem(String part, String source, int index, String code, String what,
			Object... details) {
		int[] at = position(source, index);
		Object[] args = new Object[details.length + 3];
		args[0] = at[0];
		args[1] = at[1];
		args[2] = what;
		System.arraycopy(details, 0, args, 3, details.length);
		return new TemplateInvalidException(part, at[0], at[1], code, "Line " + at[0] + ":" + at[1] + ": " + what,
				args);
	}

}
