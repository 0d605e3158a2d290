package org.opencrm.web.dedupe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.opencrm.core.dedupe.MergeCommand;
import org.opencrm.core.dedupe.RecordMergeService;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merging over JSON, for managers and admins: {@code POST /api/v1/contacts/merge} (or
 * {@code accounts}, {@code leads}) with the survivor and the records to merge into it,
 * each at the version the client has, and optionally per field the id of the record whose
 * value the survivor keeps. Bad input is a problem JSON: 400 (one record, the same twice,
 * an unknown field), 404 (a record that isn't one of this type or isn't visible), 409 (a
 * stale version), 422 (a rule, e.g. both people have a portal sign-in, a converted lead).
 */
@RestController
class MergeApi {

	private final RecordMergeService merges;

	MergeApi(RecordMergeService merges) {
		this.merges = merges;
	}

	/** A record at a version; {@code type}, when given, must be the endpoint's. */
	record RecordVersion(@NotNull Long id, @NotNull Long version, String type) {

		void requireType(RecordType expected) {
			if (type != null && !type.equalsIgnoreCase(expected.code())
					&& !type.equalsIgnoreCase(expected.code() + "s")) {
				throw RuleViolationException.onField("merged", "merge.differentTypes",
						"Only records of one type merge: {0} is a {1}, not a {2}.", id, type, expected.code());
			}
		}
	}

	record MergeRequest(@NotNull @Valid RecordVersion survivor,
			@NotNull @Size(min = 1) List<@NotNull @Valid RecordVersion> merged, Map<String, Long> fields) {

		MergeCommand toCommand(RecordType type) {
			survivor.requireType(type);
			merged.forEach(m -> m.requireType(type));
			return new MergeCommand(type, survivor.id(), survivor.version(),
					merged.stream().map(m -> new MergeCommand.Merged(m.id(), m.version())).toList(), fields);
		}
	}

	record MergeResult(long survivorId, List<Long> mergedIds) {
	}

	@PostMapping("/api/v1/contacts/merge")
	MergeResult mergeContacts(@Valid @RequestBody MergeRequest request, @AuthenticationPrincipal CrmUser user) {
		return merge(request.toCommand(RecordType.CONTACT), user);
	}

	@PostMapping("/api/v1/accounts/merge")
	MergeResult mergeAccounts(@Valid @RequestBody MergeRequest request, @AuthenticationPrincipal CrmUser user) {
		return merge(request.toCommand(RecordType.ACCOUNT), user);
	}

	@PostMapping("/api/v1/leads/merge")
	MergeResult mergeLeads(@Valid @RequestBody MergeRequest request, @AuthenticationPrincipal CrmUser user) {
		return merge(request.toCommand(RecordType.LEAD), user);
	}

	private MergeResult merge(MergeCommand cmd, CrmUser user) {
		long survivor = merges.merge(cmd, Visibility.of(user));
		return new MergeResult(survivor, cmd.merged().stream().map(MergeCommand.Merged::id).toList());
	}

}
