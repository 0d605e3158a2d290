package org.opencrm.web.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opencrm.core.health.CustomerHealthQuery;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.marketing.summary.CampaignPerformance;
import org.opencrm.marketing.summary.CampaignPerformanceQuery;
import org.opencrm.sales.forecast.ForecastFilter;
import org.opencrm.sales.forecast.ForecastService;
import org.opencrm.sales.insight.SalesDashboardQuery;
import org.opencrm.sales.pipeline.PipelineRow;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.service.insight.Granularity;
import org.opencrm.service.insight.ServiceTrendQuery;
import org.opencrm.web.dashboard.DashboardView.AtRiskRow;
import org.opencrm.web.dashboard.DashboardView.CampaignBar;
import org.opencrm.web.dashboard.DashboardView.CampaignSection;
import org.opencrm.web.dashboard.DashboardView.CsatBar;
import org.opencrm.web.dashboard.DashboardView.Filters;
import org.opencrm.web.dashboard.DashboardView.ForecastSection;
import org.opencrm.web.dashboard.DashboardView.Option;
import org.opencrm.web.dashboard.DashboardView.RepForecast;
import org.opencrm.web.dashboard.DashboardView.ServiceBar;
import org.opencrm.web.dashboard.DashboardView.StageBar;
import org.opencrm.web.dashboard.DashboardView.WinRateBar;
import org.opencrm.web.system.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Composes the manager dashboard from the modules' read models (sales, service,
 * marketing, core health); it computes nothing itself but links and chart data. Who sees
 * what: an admin any team (or all), a manager only their own team — another team is "not
 * found", like any record outside their scope.
 */
@Component
class DashboardComposer {

	static final int CAMPAIGNS = 10;

	static final int AT_RISK = 10;

	private final SalesDashboardQuery sales;

	private final ForecastService forecasts;

	private final PipelineService pipelines;

	private final ServiceTrendQuery service;

	private final CampaignPerformanceQuery campaigns;

	private final CustomerHealthQuery health;

	private final UserDirectory users;

	private final MessageSource messages;

	private final Formats fmt;

	DashboardComposer(SalesDashboardQuery sales, ForecastService forecasts, PipelineService pipelines,
			ServiceTrendQuery service, CampaignPerformanceQuery campaigns, CustomerHealthQuery health,
			UserDirectory users, MessageSource messages, Formats fmt) {
		this.sales = sales;
		this.forecasts = forecasts;
		this.pipelines = pipelines;
		this.service = service;
		this.campaigns = campaigns;
		this.health = health;
		this.users = users;
		this.messages = messages;
		this.fmt = fmt;
	}

	DashboardView compose(CrmUser user, String from, String to, Long team, Long pipeline) {
		ZoneId zone = fmt.zone();
		LocalDate today = LocalDate.ofInstant(fmt.now(), zone);
		DashboardRange range = DashboardRange.of(from, to, today);
		Visibility visibility = Visibility.of(user);

		List<Option> teams = teamsFor(user);
		Long teamId = team != null ? team : user.role() == Role.ADMIN ? null : user.teamId();
		if (teamId != null && teams.stream().noneMatch(t -> t.id() == teamId)) {
			throw new NotFoundException("Team", teamId);
		}
		String teamName = teams.stream()
			.filter(t -> teamId != null && t.id() == teamId)
			.map(Option::name)
			.findFirst()
			.orElse(null);

		List<PipelineRow> allPipelines = pipelines.pipelines();
		PipelineRow chosen = pipeline == null
				? allPipelines.stream()
					.filter(PipelineRow::isDefault)
					.findFirst()
					.orElse(allPipelines.isEmpty() ? null : allPipelines.get(0))
				: allPipelines.stream()
					.filter(p -> p.id() == pipeline)
					.findFirst()
					.orElseThrow(() -> new NotFoundException("PipelineRow", pipeline));

		Granularity granularity = range.days() <= 31 ? Granularity.DAY
				: range.days() <= 190 ? Granularity.WEEK : Granularity.MONTH;
		Filters filters = new Filters(range.from(), range.to(), range.problem(), teamId, teamName, teams,
				user.role() == Role.ADMIN, chosen == null ? null : chosen.id(),
				allPipelines.stream().map(p -> new Option(p.id(), p.name())).toList(), granularity.name());

		List<StageBar> stages = chosen == null ? List.of() : sales.pipelineByStage(visibility, teamId, chosen.id())
			.stream()
			.map(s -> new StageBar(s.stageId(), s.stageName(), s.currency(), s.deals(), s.amount(), s.weighted(),
					link("/opportunities", "pipeline", chosen.id(), "stage", s.stageId(), "status", "OPEN", "team",
							teamId)))
			.toList();

		Period quarter = Period.containing(PeriodType.QUARTER, today);
		List<RepForecast> reps = forecasts.reps(visibility, new ForecastFilter(quarter, teamId, null))
			.stream()
			.map(l -> new RepForecast(l.userId(), l.userName(), l.currency(), l.won(), l.weighted(), l.quota(),
					l.attainmentPercent(), link("/forecast", "period", quarter.key(), "rep", l.userId()),
					link("/opportunities", "owner", l.userId(), "status", "OPEN")))
			.toList();

		List<WinRateBar> winRate = sales.winRateByMonth(visibility, teamId, range.from(), range.to(), zone)
			.stream()
			.map(m -> new WinRateBar(m.month().toString(), m.won(), m.lost(), m.winRatePercent(),
					link("/opportunities", "closedFrom", m.from(), "closedTo", m.to(), "team", teamId),
					link("/opportunities", "status", "WON", "closedFrom", m.from(), "closedTo", m.to(), "team", teamId),
					link("/opportunities", "status", "LOST", "closedFrom", m.from(), "closedTo", m.to(), "team",
							teamId)))
			.toList();

		List<ServiceBar> serviceBars = service.backlogAndSla(range.from(), range.to(), granularity, teamId, zone)
			.stream()
			.map(p -> new ServiceBar(p.from(), p.to(), p.openAtEnd(), p.firstResponseJudged(), p.firstResponseMet(),
					p.firstResponsePercent(), p.resolutionJudged(), p.resolutionMet(), p.resolutionPercent(),
					link("/service/tickets", "openOn", p.to(), "team", teamId),
					link("/service/tickets", "openedFrom", p.from(), "openedTo", p.to(), "team", teamId)))
			.toList();

		List<CsatBar> csat = service.csat(range.from(), range.to(), Granularity.MONTH, teamId, zone).stream().map(c -> {
			String month = java.time.YearMonth.from(c.periodStart()).toString();
			return new CsatBar(month, c.surveys(), c.responses(), c.average(),
					link("/service/csat", "from", month, "to", month));
		}).toList();

		CampaignPerformance performance = campaigns.performance(range.from(), range.to(), zone, CAMPAIGNS);
		CampaignSection campaignSection = new CampaignSection(performance.revenueCurrency(),
				performance.campaigns()
					.stream()
					.map(c -> new CampaignBar(c.campaignId(), c.name(), c.sent(), c.opened(), c.clicked(),
							c.firstTouchRevenue(), c.lastTouchRevenue(), c.otherCurrencyDeals(),
							"/marketing/campaigns/" + c.campaignId()))
					.toList());

		// A team filter narrows the reader's own scope to that team's accounts (by
		// owner).
		Visibility atRiskScope = teamId == null ? visibility
				: new Visibility(Visibility.Scope.TEAM, user.role() == Role.ADMIN ? 0 : user.id(), teamId);
		List<AtRiskRow> atRisk = health.atRisk(atRiskScope, AT_RISK)
			.stream()
			.map(h -> new AtRiskRow(h.accountId(), h.accountName(), h.score(), h.trend(), "/accounts/" + h.accountId()))
			.toList();

		String json = charts(stages, reps, winRate, serviceBars, csat, campaignSection);
		return new DashboardView(filters, stages, new ForecastSection(quarter.key(), reps), winRate, serviceBars, csat,
				campaignSection, atRisk, json);
	}

	private List<Option> teamsFor(CrmUser user) {
		return users.listTeams()
			.stream()
			.filter(t -> user.role() == Role.ADMIN || (user.teamId() != null && t.id() == user.teamId()))
			.map(t -> new Option(t.id(), t.name()))
			.toList();
	}

	/** A path with its query; null values are left out. */
	static String link(String path, Object... nameValues) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
		for (int i = 0; i < nameValues.length; i += 2) {
			if (nameValues[i + 1] != null) {
				b.queryParam((String) nameValues[i], nameValues[i + 1]);
			}
		}
		return b.encode().build().toUriString();
	}

	// Chart data: one object per chart, read by /js/dashboard.js. Same figures and links
	// as the tables.

	record Series(String name, String kind, int axis, List<? extends Number> data) {
	}

	record Chart(List<String> categories, List<String> links, List<String> axes, List<Series> series) {
	}

	private String charts(List<StageBar> stages, List<RepForecast> reps, List<WinRateBar> winRate,
			List<ServiceBar> serviceBars, List<CsatBar> csat, CampaignSection campaignSection) {
		Map<String, Chart> charts = new LinkedHashMap<>();

		// PipelineRow: one category per stage; deals summed over currencies, amounts per
		// currency.
		Map<Long, String> stageNames = new LinkedHashMap<>();
		Map<Long, String> stageLinks = new LinkedHashMap<>();
		Map<Long, Long> stageDeals = new LinkedHashMap<>();
		List<String> currencies = new ArrayList<>();
		for (StageBar s : stages) {
			stageNames.put(s.stageId(), s.stageName());
			stageLinks.put(s.stageId(), s.href());
			stageDeals.merge(s.stageId(), s.deals(), Long::sum);
			if (s.currency() != null && !currencies.contains(s.currency())) {
				currencies.add(s.currency());
			}
		}
		List<Series> pipelineSeries = new ArrayList<>();
		pipelineSeries
			.add(new Series(text("dashboard.pipeline.deals"), "bar", 1, new ArrayList<>(stageDeals.values())));
		for (String cur : currencies) {
			pipelineSeries.add(new Series(text("dashboard.pipeline.amountIn", cur), "bar", 0,
					perStage(stages, stageNames, cur, StageBar::amount)));
			pipelineSeries.add(new Series(text("dashboard.pipeline.weightedIn", cur), "bar", 0,
					perStage(stages, stageNames, cur, StageBar::weighted)));
		}
		charts.put("pipeline", new Chart(new ArrayList<>(stageNames.values()), new ArrayList<>(stageLinks.values()),
				List.of(text("dashboard.axis.amount"), text("dashboard.axis.deals")), pipelineSeries));

		charts.put("forecast",
				new Chart(reps.stream().map(r -> r.name() + " (" + r.currency() + ")").toList(),
						reps.stream().map(RepForecast::forecastHref).toList(), List.of(text("dashboard.axis.amount")),
						List.of(new Series(text("dashboard.forecast.won"), "bar", 0,
								reps.stream().map(RepForecast::won).toList()),
								new Series(text("dashboard.forecast.weighted"), "bar", 0,
										reps.stream().map(RepForecast::weighted).toList()),
								new Series(text("dashboard.forecast.quota"), "line", 0,
										reps.stream().map(RepForecast::quota).toList()))));

		charts.put("winRate",
				new Chart(winRate.stream().map(WinRateBar::month).toList(),
						winRate.stream().map(WinRateBar::href).toList(),
						List.of(text("dashboard.axis.deals"), text("dashboard.axis.percent")),
						List.of(new Series(text("dashboard.winRate.won"), "bar", 0,
								winRate.stream().map(WinRateBar::won).toList()),
								new Series(text("dashboard.winRate.lost"), "bar", 0,
										winRate.stream().map(WinRateBar::lost).toList()),
								new Series(text("dashboard.winRate.rate"), "line", 1,
										winRate.stream().map(WinRateBar::winRatePercent).toList()))));

		List<String> periods = serviceBars.stream().map(p -> p.from().toString()).toList();
		charts.put("backlog",
				new Chart(periods, serviceBars.stream().map(ServiceBar::backlogHref).toList(),
						List.of(text("dashboard.axis.tickets")), List.of(new Series(text("dashboard.backlog.open"),
								"bar", 0, serviceBars.stream().map(ServiceBar::openAtEnd).toList()))));
		charts.put("sla",
				new Chart(periods, serviceBars.stream().map(ServiceBar::slaHref).toList(),
						List.of(text("dashboard.axis.percent")),
						List.of(new Series(text("dashboard.sla.firstResponse"), "line", 0,
								serviceBars.stream().map(ServiceBar::firstResponsePercent).toList()),
								new Series(text("dashboard.sla.resolution"), "line", 0,
										serviceBars.stream().map(ServiceBar::resolutionPercent).toList()))));

		charts.put("csat",
				new Chart(csat.stream().map(CsatBar::month).toList(), csat.stream().map(CsatBar::href).toList(),
						List.of(text("dashboard.axis.rating"), text("dashboard.axis.responses")),
						List.of(new Series(text("dashboard.csat.average"), "line", 0,
								csat.stream().map(CsatBar::average).toList()),
								new Series(text("dashboard.csat.responses"), "bar", 1,
										csat.stream().map(CsatBar::responses).toList()))));

		List<CampaignBar> cs = campaignSection.campaigns();
		List<Series> campaignSeries = new ArrayList<>(List.of(
				new Series(text("dashboard.campaigns.sent"), "bar", 0, cs.stream().map(CampaignBar::sent).toList()),
				new Series(text("dashboard.campaigns.opened"), "bar", 0, cs.stream().map(CampaignBar::opened).toList()),
				new Series(text("dashboard.campaigns.clicked"), "bar", 0,
						cs.stream().map(CampaignBar::clicked).toList())));
		if (campaignSection.currency() != null) {
			campaignSeries.add(new Series(text("dashboard.campaigns.revenueIn", campaignSection.currency()), "line", 1,
					cs.stream().map(CampaignBar::lastTouchRevenue).toList()));
		}
		charts.put("campaigns",
				new Chart(cs.stream().map(CampaignBar::name).toList(), cs.stream().map(CampaignBar::href).toList(),
						List.of(text("dashboard.axis.emails"), text("dashboard.axis.amount")), campaignSeries));

		// Escaped so the JSON can sit inside <script type="application/json"> whatever
		// the names hold.
		return JsonMapper.shared()
			.writeValueAsString(charts)
			.replace("<", "\\u003c")
			.replace(">", "\\u003e")
			.replace("&", "\\u0026");
	}

	private static List<BigDecimal> perStage(List<StageBar> stages, Map<Long, String> stageNames, String currency,
			Function<StageBar, BigDecimal> value) {
		List<BigDecimal> data = new ArrayList<>();
		for (Long id : stageNames.keySet()) {
			data.add(stages.stream()
				.filter(s -> s.stageId() == id && currency.equals(s.currency()))
				.map(value)
				.findFirst()
				.orElse(BigDecimal.ZERO));
		}
		return data;
	}

	private String text(String code, Object... args) {
		return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
	}

}
