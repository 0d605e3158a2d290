package org.opencrm.web.sales.quota;

import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.sales.shared.PeriodType;

/**
 * The quota grid as typed: one text per cell, keyed {@code <userId>_<period>} (e.g.
 * {@code 12_2026-Q4}), so a cell that isn't a number comes back with what was typed.
 */
class QuotaGridForm implements java.io.Serializable {

	private int year;

	private PeriodType periodType = PeriodType.QUARTER;

	private Long teamId;

	private String currency = "EUR";

	private Map<String, String> amounts = new LinkedHashMap<>();

	public int getYear() {
		return year;
	}

	public void setYear(int year) {
		this.year = year;
	}

	public PeriodType getPeriodType() {
		return periodType;
	}

	public void setPeriodType(PeriodType periodType) {
		this.periodType = periodType;
	}

	public Long getTeamId() {
		return teamId;
	}

	public void setTeamId(Long teamId) {
		this.teamId = teamId;
	}

	public String getCurrency() {
		return currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public Map<String, String> getAmounts() {
		return amounts;
	}

	public void setAmounts(Map<String, String> amounts) {
		this.amounts = amounts;
	}

}
