package org.opencrm.marketing.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scoring arithmetic, free of the database: profile rules fire on the lead's
 * properties, engagement rules add their points for each engagement, halved for every
 * half-life since it happened. Each item is rounded on its own and the score is their
 * sum, so the explanation always adds up.
 */
final class ScoreCalculator {

	private ScoreCalculator() {
	}

	record Profile(String industry, String title, String country, Integer companySize, String source) {
	}

	record Engagement(String type, Instant at) {
	}

	static List<ScoreItem> items(Profile lead, List<ScoringRule> rules, List<Engagement> engagements, int halfLifeDays,
			Instant now) {
		List<ScoreItem> items = new ArrayList<>();
		for (ScoringRule rule : rules) {
			if (!rule.active()) {
				continue;
			}
			if (rule.kind() == ScoringRule.Kind.PROFILE) {
				if (fires(rule, lead)) {
					items.add(new ScoreItem(rule.id(), rule.label(), 1, rule.points()));
				}
				continue;
			}
			double sum = 0;
			int count = 0;
			for (Engagement e : engagements) {
				if (e.type().equals(rule.engagement())) {
					count++;
					sum += rule.points() * decay(e.at(), now, halfLifeDays);
				}
			}
			int points = (int) Math.round(sum);
			if (count > 0 && points != 0) {
				items.add(new ScoreItem(rule.id(), rule.label(), count, points));
			}
		}
		return items;
	}

	/**
	 * The share of its points an engagement still gives: 1 now, ½ after one half-life, ¼
	 * after two.
	 */
	static double decay(Instant at, Instant now, int halfLifeDays) {
		double ageDays = Math.max(0, Duration.between(at, now).toSeconds()) / 86_400.0;
		return Math.pow(0.5, ageDays / halfLifeDays);
	}

	static int score(List<ScoreItem> items) {
		return items.stream().mapToInt(ScoreItem::points).sum();
	}

	static boolean fires(ScoringRule rule, Profile lead) {
		if (rule.field() == ScoringRule.Field.COMPANY_SIZE) {
			Integer size = lead.companySize();
			if (size == null) {
				return false;
			}
			int wanted = Integer.parseInt(rule.value().trim());
			return rule.operator() == ScoringRule.Operator.AT_LEAST ? size >= wanted : size == wanted;
		}
		String actual = switch (rule.field()) {
			case INDUSTRY -> lead.industry();
			case TITLE -> lead.title();
			case COUNTRY -> lead.country();
			case SOURCE -> lead.source();
			default -> null;
		};
		if (actual == null) {
			return false;
		}
		String a = actual.trim().toLowerCase(Locale.ROOT);
		String v = rule.value().trim().toLowerCase(Locale.ROOT);
		return rule.operator() == ScoringRule.Operator.CONTAINS ? a.contains(v) : a.equals(v);
	}

}
