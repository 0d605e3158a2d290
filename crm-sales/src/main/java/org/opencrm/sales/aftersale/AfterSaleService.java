package org.opencrm.sales.aftersale;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.task.TaskService;
import org.opencrm.sales.settings.SalesSettingsService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After a deal is won: a follow-up call for its owner some days later (sales settings),
 * and a repurchase reminder for each line item whose product is bought again after an
 * interval. Each deal is scheduled once: a replayed event finds the deal's schedule row
 * and does nothing.
 */
@Service
public class AfterSaleService {

	/**
	 * Tasks fall due at nine in the morning of their day, in the application's time zone.
	 */
	static final LocalTime DUE_TIME = LocalTime.of(9, 0);

	private final JdbcClient jdbc;

	private final TaskService tasks;

	private final SalesSettingsService settings;

	private final Clock clock;

	AfterSaleService(JdbcClient jdbc, TaskService tasks, SalesSettingsService settings, Clock clock) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @return the ids of the tasks created; empty when the deal was scheduled before
	 */
	@Transactional
	public List<Long> schedule(DealWon won) {
		// Claim the deal first: of two deliveries of the same event, only one inserts the
		// row.
		int claimed = jdbc.sql("""
				insert into sales_after_sale_schedules (opportunity_id, tasks_created)
				select id, 0 from opportunities where id = ?
				on conflict (opportunity_id) do nothing
				""").param(won.opportunityId()).update();
		if (claimed == 0) {
			return List.of();
		}
		String dealName = jdbc.sql("select name from opportunities where id = ?")
			.param(won.opportunityId())
			.query(String.class)
			.single();
		LocalDate closedOn = won.closedOn() != null ? won.closedOn() : LocalDate.now(clock);
		String ref = "opportunity:" + won.opportunityId();
		List<Long> created = new ArrayList<>();
		int followUpDays = settings.get().followUpDays();
		created.add(tasks.create(CreateTask.generated(TimelineText.of("task.afterSale.followUp", dealName),
				TimelineText.of("task.afterSale.followUp.description", closedOn),
				dueAt(closedOn.plusDays(followUpDays)), won.ownerId(), won.accountId(), won.contactId(), ref)));
		for (Repurchase r : repurchases(won.opportunityId())) {
			created.add(tasks.create(CreateTask.generated(TimelineText.of("task.repurchase", r.productName()),
					TimelineText.of("task.repurchase.description", r.quantity().stripTrailingZeros().toPlainString(),
							r.productName(), r.sku(), dealName, r.intervalDays()),
					dueAt(closedOn.plusDays(r.intervalDays())), won.ownerId(), won.accountId(), won.contactId(), ref)));
		}
		jdbc.sql("update sales_after_sale_schedules set tasks_created = ? where opportunity_id = ?")
			.params(created.size(), won.opportunityId())
			.update();
		return created;
	}

	private List<Repurchase> repurchases(long opportunityId) {
		return jdbc.sql("""
				select p.name as product_name, p.sku, li.quantity, p.repurchase_interval_days as interval_days
				from opportunity_line_items li
				join products p on p.id = li.product_id
				where li.opportunity_id = ? and p.repurchase_interval_days is not null
				order by li.position, li.id
				""").param(opportunityId).query(Rows.of(Repurchase.class)).list();
	}

	private Instant dueAt(LocalDate day) {
		return day.atTime(DUE_TIME).atZone(clock.getZone()).toInstant();
	}

	record Repurchase(String productName, String sku, java.math.BigDecimal quantity, int intervalDays) {
	}

}
