package org.opencrm.web.system;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.standard.processor.StandardXmlNsTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.IWebExchange;

/**
 * The parts of the layout that every page repeats but that depend only on the user's
 * roles and language ({@code templates/fragments/nav.html}: the style sheets and scripts,
 * the areas' menus, the person's menu links; the shortcuts overlay), rendered once per
 * roles, language and context path and then inserted as they are:
 * {@code <th:block crm:part="fragments/nav :: menus"></th:block>}. Rendering them took
 * most of a small page's CPU: about twenty {@code sec:authorize} checks, forty messages
 * and forty links on every page.
 * <p>
 * A part is rendered by the page's own engine on the request that first needs it (so its
 * links, messages, role checks and escaping are Thymeleaf's own, in the page's language).
 * The key holds every authority of the signed-in user (none when nobody is), so one
 * role's menus are never shown to another. What differs per person or request (names,
 * counts, CSRF tokens) must not be in a part; a part is rendered without Spring's request
 * context, so a form in it that posts would get no CSRF token and fail at once, not leak
 * a token.
 * <p>
 * A part is kept with each character outside Latin-1 ({@code ← ↑ → ↓ ’ “ ”} of the
 * shortcuts overlay and its messages) written as a character reference ({@code &#8592;}),
 * which the browser shows as the same character. A page with no such character of its own
 * then stays a Latin-1 string: Thymeleaf's writer is not widened to UTF-16 and Tomcat
 * encodes the page on its fast path instead of character by character.
 */
@Component
public class LayoutParts extends AbstractProcessorDialect {

	/** The attribute's prefix: {@code crm:part}. */
	public static final String PREFIX = "crm";

	/**
	 * Far more than roles × languages × parts; past it a part is rendered for each
	 * request instead of kept.
	 */
	static final int MAX_KEPT = 500;

	/** Elements whose text is not read for character references. */
	private static final String[] RAW_TEXT = { "script", "style" };

	private final ObjectProvider<ITemplateEngine> engine;

	private final ApplicationContext applicationContext;

	private final Map<Key, String> rendered = new ConcurrentHashMap<>();

	LayoutParts(ObjectProvider<ITemplateEngine> engine, ApplicationContext applicationContext) {
		super("layout-parts", PREFIX, 1000);
		this.engine = engine;
		this.applicationContext = applicationContext;
	}

	@Override
	public Set<IProcessor> getProcessors(String dialectPrefix) {
		// xmlns:crm is only for editors: not written to the page.
		return Set.of(new Part(dialectPrefix), new StandardXmlNsTagProcessor(TemplateMode.HTML, dialectPrefix));
	}

	/** The part {@code template :: fragment} as it renders for this request. */
	String html(ITemplateContext context, String part) {
		if (!(context instanceof IWebContext web)) {
			throw new TemplateProcessingException("crm:part needs a web request: " + part);
		}
		int separator = part.indexOf("::");
		if (separator < 0) {
			throw new TemplateProcessingException("crm:part is 'template :: fragment': " + part);
		}
		String template = part.substring(0, separator).trim();
		String fragment = part.substring(separator + 2).trim();
		IWebExchange exchange = web.getExchange();
		Key key = new Key(template, fragment, context.getLocale(), exchange.getRequest().getApplicationPath(),
				AuthorityKey.of(SecurityContextHolder.getContext().getAuthentication(), exchange));
		String html = this.rendered.get(key);
		if (html == null) {
			html = latin1(render(exchange, template, fragment, context.getLocale()));
			if (this.rendered.size() < MAX_KEPT) {
				this.rendered.put(key, html);
			}
		}
		return html;
	}

	private String render(IWebExchange exchange, String template, String fragment, Locale locale) {
		String evaluation = ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME;
		// Thymeleaf keeps a web page's variables as request attributes: the page being
		// rendered gets its own back afterwards.
		Object pages = exchange.getAttributeValue(evaluation);
		try {
			WebContext context = new WebContext(exchange, locale,
					Map.of(evaluation, new ThymeleafEvaluationContext(this.applicationContext,
							(ConversionService) exchange.getAttributeValue(ConversionService.class.getName()))));
			return this.engine.getObject()
				.process(new TemplateSpec(template, Set.of(fragment), TemplateMode.HTML, null), context);
		}
		finally {
			exchange.setAttributeValue(evaluation, pages);
		}
	}

	/**
	 * The same markup with every character outside Latin-1 written as a numeric character
	 * reference, except in the raw text of {@code script} and {@code style} elements and
	 * in comments, where a reference would not be read as the character.
	 */
	static String latin1(String html) {
		if (html.chars().allMatch(c -> c <= 0xFF)) {
			return html;
		}
		StringBuilder out = new StringBuilder(html.length() + 64);
		int i = 0;
		while (i < html.length()) {
			int raw = rawTextEnd(html, i);
			if (raw > i) {
				out.append(html, i, raw);
				i = raw;
				continue;
			}
			int c = html.codePointAt(i);
			if (c <= 0xFF) {
				out.append((char) c);
			}
			else {
				out.append("&#").append(c).append(';');
			}
			i += Character.charCount(c);
		}
		return out.toString();
	}

	/**
	 * Where the comment or {@code script}/{@code style} element starting at {@code i}
	 * ends (its closing tag included), or {@code i} when none starts there.
	 */
	private static int rawTextEnd(String html, int i) {
		if (html.charAt(i) != '<') {
			return i;
		}
		if (html.startsWith("<!--", i)) {
			int end = html.indexOf("-->", i + 4);
			return end < 0 ? html.length() : end + 3;
		}
		for (String element : RAW_TEXT) {
			if (html.regionMatches(true, i + 1, element, 0, element.length())) {
				int after = i + 1 + element.length();
				if (after < html.length()
						&& (html.charAt(after) == '>' || Character.isWhitespace(html.charAt(after)))) {
					int close = indexOfIgnoreCase(html, "</" + element, after);
					if (close < 0) {
						return html.length();
					}
					int end = html.indexOf('>', close);
					return end < 0 ? html.length() : end + 1;
				}
			}
		}
		return i;
	}

	private static int indexOfIgnoreCase(String html, String what, int from) {
		for (int at = html.indexOf('<', from); at >= 0; at = html.indexOf('<', at + 1)) {
			if (html.regionMatches(true, at, what, 0, what.length())) {
				return at;
			}
		}
		return -1;
	}

	/** {@code user} is the {@link AuthorityKey}. */
	record Key(String template, String fragment, Locale locale, String contextPath, Object user) {
	}

	/** {@code crm:part="template :: fragment"}: the element becomes the rendered part. */
	private final class Part extends AbstractAttributeTagProcessor {

		Part(String prefix) {
			// After th:if and sec:authorize (300), like th:utext.
			super(TemplateMode.HTML, prefix, null, false, "part", true, 1400, true);
		}

		@Override
		protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
				String attributeValue, IElementTagStructureHandler structureHandler) {
			structureHandler.replaceWith(html(context, attributeValue), false);
		}

	}

}
