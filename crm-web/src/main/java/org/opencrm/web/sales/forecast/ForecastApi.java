package org.opencrm.web.sales.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.forecast.Forecast;
import org.opencrm.sales.forecast.ForecastFilter;
import org.opencrm.sales.forecast.ForecastLine;
import org.opencrm.sales.forecast.ForecastService;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.web.system.Formats;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The forecast as JSON: {@code GET /api/v1/forecast?period=2026-Q4&team=&rep=}, with the
 * page's visibility.
 */
@RestController
class ForecastApi {

	private final ForecastService forecasts;

	private final Formats fmt;

	ForecastApi(ForecastService forecasts, Formats fmt) {
		this.forecasts = forecasts;
		this.fmt = fmt;
	}

	@GetMapping("/api/v1/forecast")
	ForecastJson forecast(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String period,
			@RequestParam(required = false) Long team, @RequestParam(required = false) Long rep) {
		Period p = Period.containing(PeriodType.QUARTER, LocalDate.now(fmt.zone()));
		if (period != null && !period.isBlank()) {
			try {
				p = Period.parse(period);
			}
			catch (IllegalArgumentException ex) {
				throw new RuleViolationException("forecast.period.invalid",
						"Not a period: use a quarter like 2026-Q4 or a month like 2026-11");
			}
		}
		Forecast f = forecasts.forecast(Visibility.of(me), new ForecastFilter(p, team, rep));
		return new ForecastJson(f.period().key(), f.period().start(), f.period().end(),
				f.reps().stream().map(LineJson::of).toList(), f.totals().stream().map(LineJson::of).toList(),
				f.lostReasons(), f.sources());
	}

	/** {@code end} is the first day after the period. */
	record ForecastJson(String period, LocalDate start, LocalDate end, List<LineJson> reps, List<LineJson> totals,
			List<Forecast.LostReason> lostReasons, List<Forecast.SourceResult> sources) {
	}

	/** A rep's line (or, with {@code userId} null, a currency's total). */
	record LineJson(Long userId, String userName, String currency, BigDecimal won, BigDecimal commit,
			BigDecimal bestCase, BigDecimal pipeline, BigDecimal weighted, BigDecimal quota,
			BigDecimal attainmentPercent, BigDecimal gap, long wonDeals, long lostDeals, BigDecimal winRatePercent,
			BigDecimal averageCycleDays) {

		static LineJson of(ForecastLine l) {
			return new LineJson(l.userId(), l.userName(), l.currency(), l.won(), l.commit(), l.bestCase(), l.pipeline(),
					l.weighted(), l.quota(), l.attainmentPercent(), l.gap(), l.wonCount(), l.lostCount(),
					l.winRatePercent(), l.averageCycleDays());
		}
	}

}
