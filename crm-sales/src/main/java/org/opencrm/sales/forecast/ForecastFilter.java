package org.opencrm.sales.forecast;

import org.opencrm.sales.shared.Period;

/**
 * Which deals a forecast covers: those of a month or quarter, optionally of one team or
 * one rep (always within what the reader may see).
 */
public record ForecastFilter(Period period, Long teamId, Long userId) {
}
