package org.opencrm.core.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.port.AccountSignals;

/**
 * The health score rule: every account starts at 50 and each factor adds or takes points;
 * the sum, kept within 0–100 (a visible {@code clamp} factor makes up the difference when
 * it has to be cut), is the score. Pure: the same signals on the same day give the same
 * score. The README of crm-core lists the table.
 */
final class HealthScoring {

	static final int BASE = 50;

	static final int HEALTHY_FROM = 70;

	static final int WATCH_FROM = 40;

	private HealthScoring() {
	}

	record Computed(long accountId, int score, CustomerHealth.Band band, RfmSegment rfm, Integer recencyDays,
			int frequency, BigDecimal monetary, List<HealthFactor> factors) {
	}

	static CustomerHealth.Band band(int score) {
		return score >= HEALTHY_FROM ? CustomerHealth.Band.HEALTHY
				: score >= WATCH_FROM ? CustomerHealth.Band.WATCH : CustomerHealth.Band.AT_RISK;
	}

	static Computed score(AccountSignals s, LocalDate today, String currency) {
		List<HealthFactor> factors = new ArrayList<>();
		factors.add(new HealthFactor("base", BASE, "every account starts at " + BASE));
		Integer recencyDays = s.lastPurchaseOn() == null || s.purchases() == 0 ? null
				: (int) Math.max(0, ChronoUnit.DAYS.between(s.lastPurchaseOn(), today));
		factors.add(recency(recencyDays, s.lastPurchaseOn()));
		factors.add(frequency(s.purchases()));
		factors.add(monetary(s.revenue(), currency));
		factors.add(complaints(s.openComplaints()));
		factors.add(sla(s.slaBreaches()));
		factors.add(engagement(s));
		factors.add(trend(s.conversations(), s.priorConversations()));
		int raw = factors.stream().mapToInt(HealthFactor::points).sum();
		int score = Math.max(0, Math.min(100, raw));
		if (score != raw) {
			factors.add(new HealthFactor("clamp", score - raw,
					"the factors add up to " + raw + "; a score stays between 0 and 100"));
		}
		return new Computed(s.accountId(), score, band(score), RfmSegment.of(recencyDays, s.purchases(), s.revenue()),
				recencyDays, s.purchases(), s.revenue().setScale(2, RoundingMode.HALF_UP), List.copyOf(factors));
	}

	private static HealthFactor recency(Integer days, LocalDate last) {
		if (days == null) {
			return new HealthFactor("recency", 0, "no won deal yet");
		}
		int points = days <= 90 ? 15 : days <= 180 ? 10 : days <= 365 ? 5 : days <= 730 ? -5 : -15;
		return new HealthFactor("recency", points, "last won deal " + days + " days ago (" + last + ")");
	}

	private static HealthFactor frequency(int deals) {
		int points = deals >= 5 ? 10 : deals >= 2 ? 5 : deals == 1 ? 2 : 0;
		return new HealthFactor("frequency", points, deals + (deals == 1 ? " won deal" : " won deals"));
	}

	private static HealthFactor monetary(BigDecimal revenue, String currency) {
		int points = revenue.compareTo(BigDecimal.valueOf(100_000)) >= 0 ? 10
				: revenue.compareTo(BigDecimal.valueOf(20_000)) >= 0 ? 5 : revenue.signum() > 0 ? 2 : 0;
		return new HealthFactor("monetary", points,
				"won revenue " + String.format(java.util.Locale.ROOT, "%,.2f", revenue) + " " + currency);
	}

	private static HealthFactor complaints(int open) {
		return new HealthFactor("complaints", -Math.min(30, 10 * open),
				open + (open == 1 ? " open complaint" : " open complaints"));
	}

	private static HealthFactor sla(int breaches) {
		return new HealthFactor("sla", -Math.min(20, 5 * breaches),
				breaches + (breaches == 1 ? " SLA breach" : " SLA breaches") + " in 90 days");
	}

	private static HealthFactor engagement(AccountSignals s) {
		int total = s.conversations() + s.emailOpens() + s.emailClicks() + s.formSubmits();
		int points = total == 0 ? -10 : total < 5 ? 5 : total < 15 ? 10 : 15;
		return new HealthFactor("engagement", points,
				total + " in 90 days: " + s.conversations() + " calls/e-mails/meetings, " + s.emailOpens() + " opens, "
						+ s.emailClicks() + " clicks, " + s.formSubmits() + " form submissions");
	}

	private static HealthFactor trend(int recent, int prior) {
		String detail = "calls/e-mails/meetings: " + prior + " in the 90 days before, " + recent + " in the last 90";
		if (prior >= 2 && recent * 2 < prior) {
			return new HealthFactor("trend", -10, detail);
		}
		if (recent >= 2 && recent > prior) {
			return new HealthFactor("trend", 5, detail);
		}
		return new HealthFactor("trend", 0, detail);
	}

}
