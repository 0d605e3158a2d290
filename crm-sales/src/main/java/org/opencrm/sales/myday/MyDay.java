package org.opencrm.sales.myday;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.shared.CappedCount;

/**
 * A sales rep's day: overdue and today's open tasks, own open deals closing this month,
 * and own open leads nobody has touched for {@code untouchedDays} days. Each list holds
 * at most the asked-for number of items; {@code more...} says when there were more, and
 * the counts say how many there are in all, up to a cap (the headings show those, not the
 * list sizes).
 */
public record MyDay(List<DayTask> overdue, List<DayTask> today, boolean moreTasks, List<ClosingDeal> closing,
		boolean moreClosing, List<UntouchedLead> untouchedLeads, boolean moreLeads, int untouchedDays, Counts counts) {

	/**
	 * How many of each there are, beyond the few shown, each counted up to
	 * {@link CappedCount#HEADING_CAP} ("500+").
	 */
	public record Counts(CappedCount overdue, CappedCount today, CappedCount closing, CappedCount untouchedLeads) {
	}

	public record DayTask(long id, String title, Instant dueAt, Long accountId, String accountName, Long contactId,
			String contactName, String relatedRef, long version) {

		/** The same task with its title as the reader sees it ({@code TaskTexts}). */
		DayTask withTitle(String title) {
			return new DayTask(id, title, dueAt, accountId, accountName, contactId, contactName, relatedRef, version);
		}

		/** Whole days past due (0 when it fell due earlier today). */
		public long daysOverdue(Instant now) {
			return Math.max(0, Duration.between(dueAt, now).toDays());
		}
	}

	public record ClosingDeal(long id, String name, long accountId, String accountName, BigDecimal amount,
			String currency, LocalDate closeDate, String stageName, int probability, String forecastCategory) {
	}

	public record UntouchedLead(long id, String name, String company, String status, Instant lastTouchedAt) {
	}
}
