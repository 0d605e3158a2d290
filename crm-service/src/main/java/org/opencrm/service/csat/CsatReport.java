package org.opencrm.service.csat;

import java.time.YearMonth;
import java.util.List;

/**
 * The CSAT report over resolved-ticket months {@code from}..{@code to}: overall, by
 * agent, by queue, by month.
 */
public record CsatReport(YearMonth from, YearMonth to, CsatFigures overall, List<CsatFigures> byAgent,
		List<CsatFigures> byQueue, List<CsatFigures> byMonth) {
}
