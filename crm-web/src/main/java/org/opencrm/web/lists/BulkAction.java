package org.opencrm.web.lists;

import java.util.List;
import java.util.Collection;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;

/**
 * One bulk action as chosen on a list page, checked before any row is touched: a known
 * action, and the value it needs (an owner, one tag, a stage).
 */
public record BulkAction(Kind kind, Long ownerId, String tag, String stage) {

	public enum Kind {

		ASSIGN("assign"), ADD_TAG("addTag"), REMOVE_TAG("removeTag"), STAGE("stage"), DELETE("delete");

		final String param;

		Kind(String param) {
			this.param = param;
		}

	}

	/**
	 * Reads the form's {@code action} and its value; only managers and admins delete (as
	 * on a record's own page). {@code stages}: the names a "change stage" may choose
	 * (lifecycle stages, lead statuses).
	 */
	public static BulkAction of(String action, Long ownerId, String tag, String stage, CrmUser user,
			Collection<String> stages) {
		Kind kind = null;
		for (Kind k : Kind.values()) {
			if (k.param.equals(action)) {
				kind = k;
			}
		}
		if (kind == null) {
			throw new RuleViolationException("bulk.action.unknown", "Choose what to do with the selected rows.");
		}
		return switch (kind) {
			case ASSIGN -> {
				if (ownerId == null) {
					throw new RuleViolationException("bulk.owner.required", "Choose the new owner.");
				}
				yield new BulkAction(kind, ownerId, null, null);
			}
			case ADD_TAG, REMOVE_TAG -> {
				List<String> tags = Tags.parse(tag);
				if (tags.size() != 1) {
					throw new RuleViolationException("bulk.tag.required", "Type one tag.");
				}
				yield new BulkAction(kind, null, tags.get(0), null);
			}
			case STAGE -> {
				if (stage == null || !stages.contains(stage)) {
					throw new RuleViolationException("bulk.stage.required", "Choose the new stage.");
				}
				yield new BulkAction(kind, null, null, stage);
			}
			case DELETE -> {
				if (user.role() != Role.ADMIN && user.role() != Role.MANAGER) {
					throw new RuleViolationException("bulk.delete.notAllowed",
							"Only managers and admins delete customers.");
				}
				yield new BulkAction(kind, null, null, null);
			}
		};
	}

	/** The tags after this action, or null when they stay as they are. */
	List<String> tagsAfter(List<String> tags) {
		if (kind == Kind.ADD_TAG && !tags.contains(tag)) {
			return java.util.stream.Stream.concat(tags.stream(), java.util.stream.Stream.of(tag)).toList();
		}
		if (kind == Kind.REMOVE_TAG && tags.contains(tag)) {
			return tags.stream().filter(t -> !t.equals(tag)).toList();
		}
		return null;
	}

}
