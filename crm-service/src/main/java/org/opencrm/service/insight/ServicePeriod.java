package org.opencrm.service.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One period of the service trends. {@code from}..{@code to} are its days inside the
 * asked range (inclusive). {@code openAtEnd}: tickets opened before the end of {@code to}
 * and neither resolved nor closed by then (the backlog). SLA figures are over the tickets
 * opened in the period that had a target which is decided by now (reached, or its due
 * time passed): how many, and how many reached it in time.
 */
public record ServicePeriod(LocalDate periodStart, LocalDate from, LocalDate to, long openAtEnd,
		long firstResponseJudged, long firstResponseMet, long resolutionJudged, long resolutionMet) {

	/**
	 * Share of first responses in time, percent with one decimal; null when none was
	 * decided.
	 */
	public BigDecimal firstResponsePercent() {
		return percent(firstResponseMet, firstResponseJudged);
	}

	/**
	 * Share of resolutions in time, percent with one decimal; null when none was decided.
	 */
	public BigDecimal resolutionPercent() {
		return percent(resolutionMet, resolutionJudged);
	}

	static BigDecimal percent(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}
}
