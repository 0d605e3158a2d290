package org.opencrm.web.service.csat;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.csat.CsatService;
import org.opencrm.web.database.ReplicaReads;
import org.opencrm.web.system.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The CSAT report: average rating and response rate per agent, queue and month over a
 * period of months, read from the replica when one is configured ({@link ReplicaReads}).
 */
@Controller
@RequestMapping("/service/csat")
class CsatReportController {

	static final int DEFAULT_MONTHS = 6;

	private final CsatService csat;

	private final Formats fmt;

	private final ReplicaReads replica;

	CsatReportController(CsatService csat, Formats fmt, ReplicaReads replica) {
		this.csat = csat;
		this.fmt = fmt;
		this.replica = replica;
	}

	@GetMapping
	String report(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
		YearMonth now = YearMonth.from(fmt.now().atZone(fmt.zone()));
		YearMonth end = parse(to, now);
		YearMonth start = parse(from, end.minusMonths(DEFAULT_MONTHS - 1));
		try {
			model.addAttribute("report", replica.read(() -> csat.report(start, end, fmt.zone())));
		}
		catch (RuleViolationException ex) {
			model.addAttribute("problem", ex.code());
			model.addAttribute("report",
					replica.read(() -> csat.report(end.minusMonths(DEFAULT_MONTHS - 1), end, fmt.zone())));
		}
		return "service/csat/report";
	}

	private static YearMonth parse(String value, YearMonth fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return YearMonth.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

}
