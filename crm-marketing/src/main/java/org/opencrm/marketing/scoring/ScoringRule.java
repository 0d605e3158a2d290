package org.opencrm.marketing.scoring;

/**
 * A rule of the scoring model. PROFILE rules compare a lead property ({@code field}) with
 * {@code value} by {@code operator}; ENGAGEMENT rules give {@code points} per engagement
 * of type {@code engagement}, halving every half-life.
 */
public record ScoringRule(long id, Kind kind, String label, Field field, Operator operator, String value,
		String engagement, int points, boolean active, long version) {

	public enum Kind {

		PROFILE, ENGAGEMENT

	}

	public enum Field {

		INDUSTRY, TITLE, COUNTRY, COMPANY_SIZE, SOURCE

	}

	public enum Operator {

		EQUALS, CONTAINS, AT_LEAST

	}
}
