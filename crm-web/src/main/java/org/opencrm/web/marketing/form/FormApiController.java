package org.opencrm.web.marketing.form;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.marketing.form.FormQueries;
import org.opencrm.marketing.form.FormSubmissions;
import org.opencrm.marketing.form.SubmissionResult;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.system.PageSize;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Form submissions over JSON: websites POST a visitor's answers (no account needed; the
 * same validation, honeypot and rate limit as the public page), staff list them.
 */
@RestController
@RequestMapping("/api/v1/forms/{slug}/submissions")
class FormApiController {

	private final FormSubmissions submissions;

	private final FormQueries forms;

	private final MessageSource messages;

	FormApiController(FormSubmissions submissions, FormQueries forms, MessageSource messages) {
		this.submissions = submissions;
		this.forms = forms;
		this.messages = messages;
	}

	record Received(String status, String message) {
	}

	record FieldError(String field, String message) {
	}

	record SubmissionJson(long id, Instant submittedAt, String email, Long contactId, Map<String, String> data) {
	}

	@PostMapping
	ResponseEntity<?> submit(@PathVariable String slug, @RequestBody Map<String, Object> body,
			HttpServletRequest request) {
		Map<String, String> values = new HashMap<>();
		body.forEach((k, v) -> {
			if (v != null && !(v instanceof Map) && !(v instanceof List)) {
				values.put(k, String.valueOf(v));
			}
		});
		SubmissionResult result = submissions.submit(slug, values, request.getRemoteAddr());
		switch (result.outcome()) {
			case RATE_LIMITED -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						"Too many submissions from this address; try again in ten minutes.");
				problem.setType(URI.create("https://opencrm.org/problems/rate-limited"));
				return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "600").body(problem);
			}
			case INVALID -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"The request has invalid fields.");
				problem.setType(URI.create("https://opencrm.org/problems/validation"));
				problem.setProperty("errors",
						result.errors()
							.entrySet()
							.stream()
							.map(e -> new FieldError(e.getKey(),
									messages.getMessage(e.getValue(), null, e.getValue(), Locale.ENGLISH)))
							.toList());
				return ResponseEntity.badRequest().body(problem);
			}
			default -> {
				return ResponseEntity.status(HttpStatus.CREATED).body(new Received("received", result.thankYou()));
			}
		}
	}

	@GetMapping
	ApiPage<SubmissionJson> list(@PathVariable String slug, @RequestParam(required = false) String cursor) {
		var page = forms.submissions(forms.idOf(slug), cursor, PageSize.LIST);
		return new ApiPage<>(page.items()
			.stream()
			.map(s -> new SubmissionJson(s.id(), s.submittedAt(), s.email(), s.contactId(), s.data()))
			.toList(), page.nextCursor());
	}

}
