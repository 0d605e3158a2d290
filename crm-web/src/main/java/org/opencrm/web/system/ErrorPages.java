package org.opencrm.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import org.opencrm.core.dedupe.MergedRecords;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.BadCursorException;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.MethodParameter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriTemplate;

/** Domain exceptions become friendly pages in one place; nothing shows a stack trace. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class ErrorPages {

	private final MessageSource messages;

	/** Runs a handler again (looked up when needed: it holds this advice itself). */
	private final ObjectProvider<RequestMappingHandlerAdapter> handlers;

	private final MergedRecords merged;

	ErrorPages(MessageSource messages, ObjectProvider<RequestMappingHandlerAdapter> handlers, MergedRecords merged) {
		this.messages = messages;
		this.handlers = handlers;
		this.merged = merged;
	}

	/**
	 * Not found, or merged into another record: the page of a merged-away contact,
	 * account or lead leads to the one it was merged into (its visibility is that
	 * page's).
	 */
	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	ModelAndView notFound(HttpServletRequest request) {
		Matcher recordPage = RECORD_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if ("GET".equals(request.getMethod()) && recordPage.matches()) {
			RecordType type = RecordType.of(recordPage.group(1));
			var survivor = merged.survivorOf(type, Long.parseLong(recordPage.group(2)));
			if (survivor.isPresent()) {
				return new ModelAndView("redirect:/" + recordPage.group(1) + "/" + survivor.get());
			}
		}
		ModelAndView page = new ModelAndView("error/404");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

	private static final Pattern RECORD_PAGE = Pattern.compile("^/(contacts|accounts|leads)/(\\d{1,18})$");

	/** Form fields the user didn't type: tokens, versions, where to go back to. */
	private static final Set<String> NOT_TYPED = Set.of("_csrf", "version", "back");

	/** Never echoed on a page: passwords, codes and secrets someone typed. */
	private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|code|token).*");

	/**
	 * A paging link someone edited: say the link is broken rather than fail on the query.
	 */
	@ExceptionHandler(BadCursorException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest() {
		return "error/400";
	}

	/**
	 * Someone else saved the record first: say so, offer the fresh copy and show what the
	 * user sent, so they can apply it again.
	 */
	@ExceptionHandler({ StaleEditException.class, ObjectOptimisticLockingFailureException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(HttpServletRequest request, HttpServletResponse response, HandlerMethod handler, Model model) {
		String recordPath = recordPath(request.getRequestURI());
		Map<String, String> sent = typedFields(request.getParameterMap());
		model.addAttribute("recordPath", recordPath);
		model.addAttribute("sent", shown(sent, handler));
		// What was sent travels to the record's page (the link below) as the flash
		// attribute "sent": a page that knows its fields offers them again there (the
		// ticket page: the status move or assignee, against the current version).
		if (!sent.isEmpty()) {
			RequestContextUtils.getOutputFlashMap(request).put(SENT, sent);
			RequestContextUtils.saveOutputFlashMap(recordPath, request, response);
		}
		return "error/conflict";
	}

	/**
	 * The flash attribute (a {@code Map<String, String>} of field to value) a record's
	 * page gets after a conflict: what the user sent, to apply again.
	 */
	public static final String SENT = "sent";

	/**
	 * Sent fields as a person reads them: the field's label
	 * ({@code conflict.field.<name>}, else its name) and, for a choice among codes, the
	 * code's label (an enum parameter of the handler, e.g. {@code TicketStatus} →
	 * {@code ticket.status.RESOLVED}).
	 */
	private Map<String, String> shown(Map<String, String> sent, HandlerMethod handler) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> shown = new LinkedHashMap<>();
		sent.forEach((name, value) -> {
			String label = messages.getMessage("conflict.field." + name, null, name, locale);
			Class<?> type = parameterType(handler, name);
			String text = type != null && type.isEnum()
					? messages.getMessage(codePrefix(type) + value, null, value, locale) : value;
			shown.put(label, text);
		});
		return shown;
	}

	private static Class<?> parameterType(HandlerMethod handler, String name) {
		for (MethodParameter parameter : handler.getMethodParameters()) {
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			String paramName = param != null && !param.name().isEmpty() ? param.name()
					: param != null && !param.value().isEmpty() ? param.value() : parameter.getParameterName();
			if (name.equals(paramName)) {
				return parameter.getParameterType();
			}
		}
		return null;
	}

	/**
	 * {@code TicketStatus} → {@code ticket.status.}, the bundles' prefix for its labels.
	 */
	static String codePrefix(Class<?> enumType) {
		return enumType.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1.$2").toLowerCase(Locale.ROOT) + ".";
	}

	/** What the user typed into the form, to show again; never a secret. */
	static Map<String, String> typedFields(Map<String, String[]> parameters) {
		Map<String, String> typed = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			if (!NOT_TYPED.contains(name) && !SECRET.matcher(name).matches() && values.length > 0
					&& !values[0].isBlank()) {
				typed.put(name, String.join(", ", values));
			}
		});
		return typed;
	}

	/**
	 * The record's page: the path up to its last number, without an action such as
	 * {@code /edit} or {@code /status} (those answer POST only), e.g.
	 * {@code /service/tickets/7/status} → {@code /service/tickets/7}.
	 */
	static String recordPath(String path) {
		return path.replaceFirst("^(.*/\\d+)(/[^/]*\\D[^/]*)+$", "$1");
	}

	/**
	 * A broken business rule on a page. A handler with an {@link OnRuleViolation#form()}
	 * is run once more with the rule's message bound to its form ({@link BrokenRule}), so
	 * its own error path renders the form as typed with the message next to the field.
	 * Otherwise the rule's message (its code resolved with its arguments, the exception's
	 * own text as fallback) is flashed as {@code ruleError}, its code as
	 * {@code flashError}, and the user goes back to the handler's
	 * {@link OnRuleViolation#redirect()} page; without one, to the page the request came
	 * from when that is on this site, else home.
	 */
	@ExceptionHandler(RuleViolationException.class)
	ModelAndView ruleViolation(RuleViolationException ex, HandlerMethod handler, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) throws Exception {
		OnRuleViolation declared = handler.getMethodAnnotation(OnRuleViolation.class);
		if (declared != null && !declared.form().isEmpty()) {
			request.setAttribute(BrokenRule.ATTRIBUTE, new BrokenRule(declared.form(), declared.field(), ex));
			try {
				ModelAndView page = handlers.getObject().handle(request, response, handler);
				return page == null ? new ModelAndView() : page;
			}
			catch (RuleViolationException again) {
				// A handler that calls its service before looking at hasErrors() breaks
				// the rule again: the flash below still answers, not an error page.
			}
		}
		redirect.addFlashAttribute("ruleError",
				messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale()));
		redirect.addFlashAttribute("flashError", ex.code());
		return new ModelAndView("redirect:" + back(declared, request));
	}

	/** On the handler's second run, puts the broken rule into its form's errors. */
	@InitBinder
	void bindBrokenRule(WebDataBinder binder, HttpServletRequest request) {
		// The form may not exist yet (it is constructed after this), so no look at the
		// target here.
		if (request.getAttribute(BrokenRule.ATTRIBUTE) instanceof BrokenRule rule
				&& rule.form().equals(binder.getObjectName())) {
			binder.addValidators(rule);
		}
	}

	/**
	 * A rule broken on {@code form}: validating the form (as {@code @Valid} does) rejects
	 * the field the rule names, else {@code field}, else the form as a whole
	 * ({@link RuleErrors}).
	 */
	record BrokenRule(String form, String field, RuleViolationException rule) implements Validator {

		static final String ATTRIBUTE = BrokenRule.class.getName();

		@Override
		public boolean supports(Class<?> type) {
			return true;
		}

		@Override
		public void validate(Object target, Errors errors) {
			RuleErrors.bind(errors, target, field, rule);
		}

	}

	private static String back(OnRuleViolation declared, HttpServletRequest request) {
		if (declared != null && !declared.backParam().isEmpty()) {
			String named = request.getParameter(declared.backParam());
			String local = declared.under().isEmpty() ? Paths.localOr(named, null)
					: Paths.localUnder(named, declared.under(), null);
			if (local != null) {
				return local;
			}
		}
		if (declared != null && !declared.redirect().isEmpty()) {
			@SuppressWarnings("unchecked")
			Map<String, String> variables = (Map<String, String>) request
				.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			return Paths.localOr(
					new UriTemplate(declared.redirect()).expand(variables == null ? Map.of() : variables).toString(),
					"/");
		}
		String referer = request.getHeader(HttpHeaders.REFERER);
		// Same origin (and below this application) only; the rest is the app-relative
		// path a redirect takes.
		String site = ServletUriComponentsBuilder.fromContextPath(request).toUriString();
		if (referer == null || !referer.startsWith(site + "/")) {
			return "/";
		}
		String path = referer.substring(site.length());
		// A page that fails on the way in must not send the user round to itself again.
		String self = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(self) ? "/" : Paths.localOr(path, "/");
	}

}
