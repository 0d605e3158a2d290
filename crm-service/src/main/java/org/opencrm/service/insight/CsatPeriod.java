package org.opencrm.service.insight;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Satisfaction surveys of tickets resolved in one period ({@code from}..{@code to}, its
 * days inside the asked range): how many were sent, how many answered, and the answers'
 * average (1–5, two decimals; null without answers).
 */
public record CsatPeriod(LocalDate periodStart, LocalDate from, LocalDate to, long surveys, long responses,
		BigDecimal average) {
}
