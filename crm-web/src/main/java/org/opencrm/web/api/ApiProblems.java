package org.opencrm.web.api;

import java.util.List;
import java.util.Locale;
import org.opencrm.web.system.Problems;
import org.opencrm.core.shared.BadCursorException;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the JSON API as an RFC 9457 problem detail: validation errors list each
 * field with its message, domain rules become 422, missing records 404, stale versions
 * 409. Never a stack trace. Ordered before the HTML {@code ErrorPages} advice, which also
 * matches REST controllers (they are controllers too).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = Problems.TYPE_BASE;

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * One entry per rejected field or object, in the problem's {@code errors} property.
	 */
	record FieldProblem(String field, String message) {
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", invalidFields());
		Locale locale = LocaleContextHolder.getLocale();
		List<FieldProblem> errors = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map(error -> new FieldProblem(error instanceof FieldError field ? field.getField() : error.getObjectName(),
					messages.getMessage(error, locale)))
			.toList();
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound() {
		return problem(HttpStatus.NOT_FOUND, "not-found",
				text("api.problem.notFound", "No such record (or not visible to you)."));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "bad-parameter", messages.getMessage("api.problem.badParameter",
				new Object[] { ex.getName() }, "Invalid parameter " + ex.getName(), LocaleContextHolder.getLocale()));
	}

	@ExceptionHandler(BadCursorException.class)
	ProblemDetail badCursor() {
		return problem(HttpStatus.BAD_REQUEST, "bad-cursor",
				text("api.problem.badCursor", "Parameter 'cursor' is not one this API returned."));
	}

	/**
	 * A stale version: 409 when it came in the body, 412 when the client sent it as
	 * {@code If-Match} (RFC 9110 13.1.1).
	 */
	@ExceptionHandler({ StaleEditException.class, ObjectOptimisticLockingFailureException.class })
	ResponseEntity<ProblemDetail> conflict(WebRequest request) {
		String ifMatch = request.getHeader(Versions.IF_MATCH);
		if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
			return preconditionFailed();
		}
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(problem(HttpStatus.CONFLICT, "stale-version",
					text("api.problem.stale", "The record was changed by someone else.")));
	}

	@ExceptionHandler(Versions.PreconditionFailedException.class)
	ResponseEntity<ProblemDetail> preconditionFailed() {
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
			.body(problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
					text("api.problem.precondition", "If-Match does not name the record's current version.")));
	}

	/**
	 * A broken rule: 422 with its message and code; a rule about one input (an e-mail
	 * that isn't one) is bad input, 400, with the field in {@code errors} as a validation
	 * error would have it.
	 */
	@ExceptionHandler(RuleViolationException.class)
	ResponseEntity<ProblemDetail> ruleViolation(RuleViolationException ex) {
		String message = messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale());
		if (ex.field() != null) {
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", invalidFields());
			problem.setProperty("code", ex.code());
			problem.setProperty("errors", List.of(new FieldProblem(ex.field(), message)));
			return ResponseEntity.badRequest().body(problem);
		}
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", message);
		problem.setProperty("code", ex.code());
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
	}

	/** "The request has invalid fields." in the caller's language. */
	private String invalidFields() {
		return text("api.problem.validation", "The request has invalid fields.");
	}

	/**
	 * A problem text in the caller's language (their setting, else Accept-Language, else
	 * English).
	 */
	private String text(String key, String fallback) {
		return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
	}

	/**
	 * A problem of {@code type} (under {@link #TYPE_BASE}), for every answer of the API.
	 */
	public static ProblemDetail problem(HttpStatus status, String type, String detail) {
		return Problems.of(status, type, detail);
	}

}
