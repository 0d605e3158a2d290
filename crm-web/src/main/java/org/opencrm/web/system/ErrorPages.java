package org.opencrm.web.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.opencrm.core.shared.BadCursorException;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriTemplate;

/** Domain exceptions become friendly pages in one place; nothing shows a stack trace. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ErrorPages {

	private final MessageSource messages;

	ErrorPages(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	/**
	 * A paging link someone edited: say the link is broken rather than fail on the query.
	 */
	@ExceptionHandler(BadCursorException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest() {
		return "error/400";
	}

	/** Someone else saved the record first: say so, and offer the fresh copy. */
	@ExceptionHandler({ StaleEditException.class, ObjectOptimisticLockingFailureException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(HttpServletRequest request, Model model) {
		String path = request.getRequestURI();
		// The record's page is the edited path without its action suffix, e.g.
		// /contacts/7.
		model.addAttribute("recordPath", path.replaceAll("/(edit|delete)$", ""));
		return "error/conflict";
	}

	/**
	 * A broken business rule on a page: the rule's message (its code resolved with its
	 * arguments, the exception's own text as fallback) is flashed as {@code ruleError},
	 * its code as {@code flashError}, and the user goes back to the handler's
	 * {@link OnRuleViolation} page; without one, to the page the request came from when
	 * that is on this site, else home.
	 */
	@ExceptionHandler(RuleViolationException.class)
	String ruleViolation(RuleViolationException ex, HandlerMethod handler, HttpServletRequest request,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("ruleError",
				messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale()));
		redirect.addFlashAttribute("flashError", ex.code());
		return "redirect:" + back(handler.getMethodAnnotation(OnRuleViolation.class), request);
	}

	private static String back(OnRuleViolation declared, HttpServletRequest request) {
		if (declared != null) {
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
