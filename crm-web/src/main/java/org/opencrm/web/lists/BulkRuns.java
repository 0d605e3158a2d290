package org.opencrm.web.lists;

import java.util.Map;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs a bulk action row by row through each record's service: a row changed since the
 * list was shown, one the user may not see or change, one already as asked and one its
 * service refuses are skipped and counted by reason (in the user's language); the others
 * are done.
 */
@Component
class BulkRuns {

	private final MessageSource messages;

	BulkRuns(MessageSource messages) {
		this.messages = messages;
	}

	interface RowChange {

		/**
		 * Changes one row seen at {@code version}; false when it already was as asked.
		 */
		boolean apply(long id, long version);

	}

	BulkOutcome run(BulkSelection rows, RowChange change) {
		BulkOutcome.Builder outcome = new BulkOutcome.Builder();
		for (Map.Entry<Long, Long> row : rows.versions().entrySet()) {
			try {
				if (change.apply(row.getKey(), row.getValue())) {
					outcome.done();
				}
				else {
					outcome.skip(text("bulk.skipped.unchanged", "already so", null));
				}
			}
			catch (NotFoundException ex) {
				outcome.skip(text("bulk.skipped.notFound", "not found or not yours to change", null));
			}
			catch (StaleEditException | OptimisticLockingFailureException ex) {
				outcome.skip(text("bulk.skipped.changed", "changed by someone else", null));
			}
			catch (RuleViolationException ex) {
				outcome.skip(text(ex.code(), ex.getMessage(), ex.args()));
			}
		}
		return outcome.build();
	}

	/** A row changed since the list showed it is skipped, not overwritten. */
	static void requireVersion(String type, long id, long seen, long current) {
		if (seen != current) {
			throw new StaleEditException(type, id, seen, current);
		}
	}

	private String text(String code, String fallback, Object[] args) {
		return messages.getMessage(code, args, fallback, LocaleContextHolder.getLocale());
	}

}
