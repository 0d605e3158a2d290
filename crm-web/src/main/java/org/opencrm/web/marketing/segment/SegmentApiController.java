package org.opencrm.web.marketing.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.marketing.segment.InvalidSegmentDefinitionException;
import org.opencrm.marketing.segment.SegmentCommand;
import org.opencrm.marketing.segment.SegmentDefinitions;
import org.opencrm.marketing.segment.SegmentDetails;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.segment.SegmentMember;
import org.opencrm.marketing.segment.SegmentQuery;
import org.opencrm.marketing.segment.SegmentService;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.system.PageSize;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segments over JSON: list, read, create and change definitions (a bad definition is a
 * 400 problem listing every bad criterion by its path), count and members by keyset.
 */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentApiController {

	private final SegmentService segments;

	private final SegmentQuery segmentQuery;

	private final MessageSource messages;

	SegmentApiController(SegmentService segments, SegmentQuery segmentQuery, MessageSource messages) {
		this.segments = segments;
		this.segmentQuery = segmentQuery;
		this.messages = messages;
	}

	record SegmentItem(long id, String name, SegmentKind kind, String description, Instant updatedAt) {
	}

	/**
	 * Definitions travel as plain JSON trees (maps and lists), whichever JSON library
	 * reads the request.
	 */
	private static final JsonMapper JSON = JsonMapper.shared();

	record SegmentJson(long id, String name, String description, SegmentKind kind, Object definition, long version,
			Instant createdAt, Instant updatedAt) {

		static SegmentJson of(SegmentDetails d) {
			return new SegmentJson(d.id(), d.name(), d.description(), d.kind(),
					JSON.readValue(SegmentDefinitions.toJson(d.definition()), Object.class), d.version(), d.createdAt(),
					d.updatedAt());
		}
	}

	/**
	 * {@code definition} is a group: {@code {"op": "AND", "items": [...]}}; ignored for
	 * static lists.
	 */
	record SegmentRequest(@NotBlank @Size(max = 150) String name, @Size(max = 500) String description,
			@NotNull SegmentKind kind, Object definition, Long version) {
	}

	record CountJson(long count, boolean capped) {
	}

	record MemberJson(long id, String firstName, String lastName, String email, Long accountId, String accountName,
			String lifecycleStage) {

		static MemberJson of(SegmentMember m) {
			return new MemberJson(m.id(), m.firstName(), m.lastName(), m.email(), m.accountId(), m.accountName(),
					m.lifecycleStage());
		}
	}

	record DefinitionError(String field, String message) {
	}

	@GetMapping
	ApiPage<SegmentItem> list(@RequestParam(required = false) SegmentKind kind,
			@RequestParam(required = false) String cursor) {
		var page = segmentQuery.list(kind, cursor, PageSize.LIST);
		return new ApiPage<>(page.items()
			.stream()
			.map(s -> new SegmentItem(s.id(), s.name(), s.kind(), s.description(), s.updatedAt()))
			.toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	SegmentJson get(@PathVariable long id) {
		return SegmentJson.of(segmentQuery.details(id));
	}

	@PostMapping
	ResponseEntity<SegmentJson> create(@Valid @RequestBody SegmentRequest body) {
		long id = segments.create(command(body));
		return ResponseEntity.created(URI.create("/api/v1/segments/" + id))
			.body(SegmentJson.of(segmentQuery.details(id)));
	}

	@PutMapping("/{id}")
	SegmentJson update(@PathVariable long id, @Valid @RequestBody SegmentRequest body) {
		segments.update(id, command(body));
		return SegmentJson.of(segmentQuery.details(id));
	}

	private static SegmentCommand command(SegmentRequest body) {
		var definition = body.kind() == SegmentKind.STATIC || body.definition() == null ? null
				: SegmentDefinitions.parse(JSON.writeValueAsString(body.definition()));
		return new SegmentCommand(body.name(), body.description(), body.kind(), definition,
				body.version() == null ? 0 : body.version());
	}

	@GetMapping("/{id}/count")
	CountJson count(@PathVariable long id) {
		CappedCount count = segmentQuery.count(id);
		return new CountJson(count.value(), count.capped());
	}

	@GetMapping("/{id}/members")
	ApiPage<MemberJson> members(@PathVariable long id, @RequestParam(required = false) String cursor) {
		var page = segmentQuery.members(id, cursor, PageSize.LIST);
		return new ApiPage<>(page.items().stream().map(MemberJson::of).toList(), page.nextCursor());
	}

	/** Every bad part of a definition, named by its path, in one 400 problem. */
	@ExceptionHandler(InvalidSegmentDefinitionException.class)
	ResponseEntity<ProblemDetail> invalidDefinition(InvalidSegmentDefinitionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The segment definition has invalid criteria.");
		problem.setType(URI.create("https://opencrm.org/problems/validation"));
		List<DefinitionError> errors = ex.problems()
			.stream()
			.map(p -> new DefinitionError(p.path(),
					messages.getMessage(p.code(), p.args(), p.defaultMessage(), Locale.ENGLISH)))
			.toList();
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

}
