package org.opencrm.web.security;

import jakarta.servlet.FilterChain;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.opencrm.web.system.AuthorityKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.GenericTypeResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.security.access.expression.ExpressionUtils;
import org.springframework.security.access.expression.SecurityExpressionHandler;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.FilterInvocation;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.extras.springsecurity6.auth.AuthUtils;
import org.thymeleaf.extras.springsecurity6.dialect.SpringSecurityDialect;
import org.thymeleaf.extras.springsecurity6.dialect.processor.AuthorizeAttrProcessor;
import org.thymeleaf.extras.springsecurity6.util.SpringVersionSpecificUtils;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagProcessor;
import org.thymeleaf.standard.processor.AbstractStandardConditionalVisibilityTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Spring Security's Thymeleaf dialect ({@code sec:}) with {@code sec:authorize} checked
 * the same way at a fraction of the cost: the extras' processor looks up the expression
 * handler among all beans and parses the expression ({@code hasAnyRole('ADMIN', …)}) anew
 * on every element, and a freshly parsed expression resolves its methods by reflection
 * again: a sixth of a small page's CPU. Here the handler is looked up once and each
 * expression parsed once (a parsed SpEL expression is safe to evaluate from many
 * threads); the evaluation itself is unchanged, against this request's authentication in
 * a new evaluation context from Spring Security's web expression handler. Boot uses this
 * bean instead of its own {@code SpringSecurityDialect}.
 * <p>
 * An expression made only of role checks ({@code isAuthenticated()},
 * {@code hasAnyRole('ADMIN', 'MANAGER')}, {@code and}, {@code or}, {@code !}: every one
 * in the templates) reads nothing but the sign-in's kind and authorities, so its answer
 * is kept per {@link AuthorityKey}: the layout's three checks and a page's menus were
 * evaluated anew on every request (a new evaluation context, wrapped for Thymeleaf, each
 * time: 5 % of a small page's CPU). Any other expression (one reading the principal, the
 * request or a variable) is evaluated each time as before.
 */
@Component
class AuthorizeDialect extends SpringSecurityDialect {

	/** Far more than the templates hold; past it expressions are parsed each time. */
	static final int MAX_EXPRESSIONS = 1000;

	private static final FilterChain NO_CHAIN = (request, response) -> {
		throw new UnsupportedOperationException();
	};

	private final ObjectProvider<SecurityExpressionHandler<?>> handlers;

	private volatile SecurityExpressionHandler<FilterInvocation> handler;

	private final Map<String, Expression> parsed = new ConcurrentHashMap<>();

	/**
	 * Role checks only: the functions of Spring Security's expression root that read the
	 * authentication alone, with role names as literals.
	 */
	static final Pattern ROLES_ONLY = Pattern.compile("(?:\\s+|!|\\(|\\)|\\band\\b|\\bor\\b|\\bnot\\b"
			+ "|(?:isAuthenticated|isAnonymous|isFullyAuthenticated|isRememberMe|permitAll|denyAll)\\(\\s*\\)"
			+ "|(?:hasRole|hasAnyRole|hasAuthority|hasAnyAuthority)\\(\\s*'[A-Za-z0-9_]+'(?:\\s*,\\s*'[A-Za-z0-9_]+')*\\s*\\))+");

	/** Far more than expressions × roles; past it answers are evaluated each time. */
	static final int MAX_ANSWERS = 5000;

	/** The answers of role-only expressions, per expression and {@link AuthorityKey}. */
	private final Map<Answer, Boolean> answers = new ConcurrentHashMap<>();

	AuthorizeDialect(ObjectProvider<SecurityExpressionHandler<?>> handlers) {
		this.handlers = handlers;
	}

	@Override
	public Set<IProcessor> getProcessors(String dialectPrefix) {
		Set<IProcessor> processors = new LinkedHashSet<>();
		for (IProcessor processor : super.getProcessors(dialectPrefix)) {
			if (processor instanceof AuthorizeAttrProcessor authorize) {
				String attribute = authorize.getMatchingAttributeName().getMatchingAttributeName().getAttributeName();
				processors.add(new Authorize(authorize.getTemplateMode(), dialectPrefix, attribute));
			}
			else {
				processors.add(processor);
			}
		}
		return processors;
	}

	boolean authorized(ITemplateContext context, String access, Authentication authentication) {
		// As the extras: an expression may be written ${...}.
		String expression = access.startsWith("${") && access.endsWith("}") ? access.substring(2, access.length() - 1)
				: access;
		if (!ROLES_ONLY.matcher(expression).matches()) {
			return evaluate(context, expression, authentication);
		}
		Answer key = new Answer(expression,
				AuthorityKey.of(authentication, context instanceof IWebContext web ? web.getExchange() : null));
		Boolean answer = this.answers.get(key);
		if (answer == null) {
			answer = evaluate(context, expression, authentication);
			if (this.answers.size() < MAX_ANSWERS) {
				this.answers.put(key, answer);
			}
		}
		return answer;
	}

	private boolean evaluate(ITemplateContext context, String expression, Authentication authentication) {
		SecurityExpressionHandler<FilterInvocation> handler = handler();
		Expression compiled = this.parsed.get(expression);
		if (compiled == null) {
			compiled = handler.getExpressionParser().parseExpression(expression);
			if (this.parsed.size() < MAX_EXPRESSIONS) {
				this.parsed.put(expression, compiled);
			}
		}
		FilterInvocation invocation = new FilterInvocation(SpringVersionSpecificUtils.getHttpServletRequest(context),
				SpringVersionSpecificUtils.getHttpServletResponse(context), NO_CHAIN);
		EvaluationContext evaluation = SpringVersionSpecificUtils.wrapEvaluationContext(
				handler.createEvaluationContext(authentication, invocation), context.getExpressionObjects());
		return ExpressionUtils.evaluateAsBoolean(compiled, evaluation);
	}

	/**
	 * The web expression handler, as the extras find it: the one for filter invocations.
	 */
	@SuppressWarnings("unchecked")
	private SecurityExpressionHandler<FilterInvocation> handler() {
		SecurityExpressionHandler<FilterInvocation> found = this.handler;
		if (found == null) {
			found = (SecurityExpressionHandler<FilterInvocation>) this.handlers.orderedStream()
				.filter(h -> FilterInvocation.class
					.equals(GenericTypeResolver.resolveTypeArgument(h.getClass(), SecurityExpressionHandler.class)))
				.findFirst()
				.orElseThrow(() -> new TemplateProcessingException(
						"No SecurityExpressionHandler for web requests for sec:authorize"));
			this.handler = found;
		}
		return found;
	}

	private record Answer(String expression, Object authorities) {
	}

	/** {@code sec:authorize}: shows its element when the expression holds. */
	private final class Authorize extends AbstractStandardConditionalVisibilityTagProcessor {

		Authorize(TemplateMode mode, String prefix, String attribute) {
			super(mode, prefix, attribute, AuthorizeAttrProcessor.ATTR_PRECEDENCE);
		}

		@Override
		protected boolean isVisible(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
				String attributeValue) {
			String access = attributeValue == null ? "" : attributeValue.trim();
			if (access.isEmpty()) {
				return false;
			}
			Authentication authentication = AuthUtils.getAuthenticationObject(context);
			return authentication != null && authorized(context, access, authentication);
		}

	}

}
