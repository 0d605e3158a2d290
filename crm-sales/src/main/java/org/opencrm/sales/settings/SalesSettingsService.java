package org.opencrm.sales.settings;

import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The single row of sales settings (created with its defaults by the migration). */
@Service
public class SalesSettingsService {

	private final JdbcClient jdbc;

	SalesSettingsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public SalesSettings get() {
		return jdbc.sql("select follow_up_days, untouched_lead_days, version from sales_settings where id = 1")
			.query(Rows.of(SalesSettings.class))
			.single();
	}

	/** Saves new values over the version the editor saw; a stale version conflicts. */
	@Transactional
	public void update(SalesSettings settings) {
		requireDays("followUpDays", settings.followUpDays());
		requireDays("untouchedLeadDays", settings.untouchedLeadDays());
		int updated = jdbc.sql("""
				update sales_settings
				set follow_up_days = ?, untouched_lead_days = ?, version = version + 1, updated_at = now()
				where id = 1 and version = ?
				""").params(settings.followUpDays(), settings.untouchedLeadDays(), settings.version()).update();
		if (updated == 0) {
			throw new StaleEditException("SalesSettings", 1L, settings.version(), get().version());
		}
	}

	private static void requireDays(String field, int days) {
		if (days < SalesSettings.MIN_DAYS || days > SalesSettings.MAX_DAYS) {
			throw new RuleViolationException("sales.settings.days.range", field + " must be between 1 and 365 days",
					SalesSettings.MIN_DAYS, SalesSettings.MAX_DAYS);
		}
	}

}
