package org.opencrm.web.sales.forecast;

import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.forecast.ForecastFilter;
import org.opencrm.sales.forecast.ForecastService;
import org.opencrm.sales.quota.QuotaService;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.web.system.Formats;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forecast of a month or quarter ({@code ?period=2026-Q4} or {@code 2026-11}) by rep
 * and in total, with quota attainment, win rate, sales cycle and won/lost analysis; a rep
 * sees their own figures, a manager their team's, admins everyone's.
 */
@Controller
class ForecastController {

	private final ForecastService forecasts;

	private final QuotaService quotas;

	private final UserDirectory users;

	private final Formats fmt;

	ForecastController(ForecastService forecasts, QuotaService quotas, UserDirectory users, Formats fmt) {
		this.forecasts = forecasts;
		this.quotas = quotas;
		this.users = users;
		this.fmt = fmt;
	}

	@GetMapping("/forecast")
	String forecast(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String period,
			@RequestParam(required = false) Long team, @RequestParam(required = false) Long rep, Model model) {
		Period p = Period.containing(PeriodType.QUARTER, LocalDate.now(fmt.zone()));
		if (period != null && !period.isBlank()) {
			try {
				p = Period.parse(period);
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("flashError", "forecast.period.invalid");
			}
		}
		Visibility visibility = Visibility.of(me);
		model.addAttribute("forecast", forecasts.forecast(visibility, new ForecastFilter(p, team, rep)));
		model.addAttribute("team", team);
		model.addAttribute("rep", rep);
		model.addAttribute("reps", me.role() == Role.SALES_REP ? List.of() : quotas.quotaUsers(visibility, null));
		model.addAttribute("teams", me.role() == Role.ADMIN ? users.listTeams() : List.of());
		return "sales/forecast";
	}

}
