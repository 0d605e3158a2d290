package org.opencrm.core.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML in mail, with jsoup: the text version of an HTML body, cleaning HTML someone
 * typed, escaping text into HTML.
 */
public final class HtmlText {

	private static final Safelist MAIL = Safelist.relaxed().addAttributes(":all", "style");

	private HtmlText() {
	}

	/**
	 * The text of an HTML mail body, for its text/plain part: blocks on their own lines,
	 * list items with a dash, a link's address after its text (unless the text is the
	 * address).
	 */
	public static String toText(String html) {
		if (html == null) {
			return null;
		}
		Document doc = Jsoup.parse(html);
		StringBuilder out = new StringBuilder();
		NodeTraversor.traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode text) {
					String s = text.text();
					if (!s.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n')) {
						out.append(s);
					}
				}
				else if (node instanceof Element e) {
					if ("br".equals(e.normalName())) {
						out.append('\n');
					}
					else if ("li".equals(e.normalName())) {
						newLine(out);
						out.append("- ");
					}
					else if (e.isBlock()) {
						newLine(out);
					}
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element e) {
					if ("a".equals(e.normalName()) && e.hasAttr("href")) {
						String href = e.attr("href");
						if (!href.isBlank() && !e.text().strip().equals(href)) {
							out.append(" (").append(href).append(')');
						}
					}
					else if ("p".equals(e.normalName()) || "h1".equals(e.normalName()) || "h2".equals(e.normalName())
							|| "h3".equals(e.normalName())) {
						newLine(out);
						out.append('\n');
					}
					else if (e.isBlock()) {
						newLine(out);
					}
				}
			}
		}, doc.body());
		return out.toString()
			.replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n")
			.replaceAll("\\n[ \\t]+", "\n")
			.replaceAll("\\n{3,}", "\n\n")
			.strip();
	}

	/** HTML someone typed, cleaned of scripts, event handlers and unknown tags. */
	public static String clean(String html) {
		return html == null ? null : Jsoup.clean(html, MAIL);
	}

	/** Whether {@code html} has nothing {@link #clean(String)} would remove. */
	public static boolean isSafe(String html) {
		return html == null || Jsoup.isValid(html, MAIL);
	}

	/** Text made safe to put into HTML. */
	public static String escape(String text) {
		return text == null ? "" : Entities.escape(text);
	}

	private static void newLine(StringBuilder out) {
		if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
			out.append('\n');
		}
	}

}
