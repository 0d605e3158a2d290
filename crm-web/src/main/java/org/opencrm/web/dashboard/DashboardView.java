package org.opencrm.web.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the manager dashboard shows, as plain records: each figure with the link to
 * the records behind it, and the same figures as chart data ({@code chartsJson}, embedded
 * in the page).
 */
record DashboardView(Filters filters, List<StageBar> pipeline, ForecastSection forecast, List<WinRateBar> winRate,
		List<ServiceBar> service, List<CsatBar> csat, CampaignSection campaigns, List<AtRiskRow> atRisk,
		String chartsJson) {

	record Option(long id, String name) {
	}

	/**
	 * @param teamId the team the figures are of (null: every team the reader may see)
	 * @param teams the teams the reader may choose (a manager: only their own)
	 * @param granularity DAY, WEEK or MONTH: the period of the backlog and SLA trends
	 */
	record Filters(LocalDate from, LocalDate to, String problem, Long teamId, String teamName, List<Option> teams,
			boolean anyTeam, Long pipelineId, List<Option> pipelines, String granularity) {
	}

	record StageBar(long stageId, String stageName, String currency, long deals, BigDecimal amount, BigDecimal weighted,
			String href) {
	}

	record ForecastSection(String period, List<RepForecast> reps) {
	}

	record RepForecast(long userId, String name, String currency, BigDecimal won, BigDecimal weighted, BigDecimal quota,
			BigDecimal attainmentPercent, String forecastHref, String dealsHref) {
	}

	record WinRateBar(String month, long won, long lost, BigDecimal winRatePercent, String href, String wonHref,
			String lostHref) {
	}

	record ServiceBar(LocalDate from, LocalDate to, long openAtEnd, long firstResponseJudged, long firstResponseMet,
			BigDecimal firstResponsePercent, long resolutionJudged, long resolutionMet, BigDecimal resolutionPercent,
			String backlogHref, String slaHref) {
	}

	record CsatBar(String month, long surveys, long responses, BigDecimal average, String href) {
	}

	record CampaignSection(String currency, List<CampaignBar> campaigns) {
	}

	record CampaignBar(long campaignId, String name, long sent, long opened, long clicked, BigDecimal firstTouchRevenue,
			BigDecimal lastTouchRevenue, long otherCurrencyDeals, String href) {
	}

	record AtRiskRow(long accountId, String name, int score, int trend, String href) {
	}
}
