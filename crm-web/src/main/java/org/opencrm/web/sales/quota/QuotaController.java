package org.opencrm.web.sales.quota;

import org.opencrm.core.shared.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.quota.QuotaGrid;
import org.opencrm.sales.quota.QuotaService;
import org.opencrm.sales.quota.SetQuota;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.web.system.Formats;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Quotas as a grid of a year by month or quarter: managers edit their team's, admins
 * anyone's, sales reps read their own. Cells left empty have (or get) no quota.
 */
@Controller
@RequestMapping("/quotas")
class QuotaController {

	static final int MAX_AMOUNT_DIGITS = 12;

	private final QuotaService quotas;

	private final UserDirectory users;

	private final Formats fmt;

	QuotaController(QuotaService quotas, UserDirectory users, Formats fmt) {
		this.quotas = quotas;
		this.users = users;
		this.fmt = fmt;
	}

	@GetMapping
	String grid(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) PeriodType type, @RequestParam(required = false) Long team, Model model) {
		QuotaGridForm form = new QuotaGridForm();
		form.setYear(year == null ? LocalDate.now(fmt.zone()).getYear() : year);
		form.setPeriodType(type == null ? PeriodType.QUARTER : type);
		form.setTeamId(team);
		return show(me, form, Map.of(), model);
	}

	@PostMapping
	String save(@AuthenticationPrincipal CrmUser me, @ModelAttribute("form") QuotaGridForm form, Model model,
			RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<SetQuota> changes = new ArrayList<>();
		String currency = form.getCurrency() == null ? "" : form.getCurrency().trim();
		if (Money.currency(currency).isEmpty()) {
			errors.put("currency", "money.currency.invalid");
		}
		for (Map.Entry<String, String> cell : form.getAmounts().entrySet()) {
			String[] key = cell.getKey().split("_", 2);
			Period period;
			long userId;
			try {
				userId = Long.parseLong(key[0]);
				period = Period.parse(key.length > 1 ? key[1] : "");
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			String typed = cell.getValue() == null ? "" : cell.getValue().trim().replace(",", "");
			BigDecimal amount = null;
			if (!typed.isEmpty()) {
				try {
					amount = new BigDecimal(typed);
				}
				catch (NumberFormatException ex) {
					errors.put(cell.getKey(), "quota.amount.invalid");
					continue;
				}
				if (amount.signum() < 0) {
					errors.put(cell.getKey(), "money.amount.negative");
					continue;
				}
				if (amount.scale() > 2 || amount.precision() - amount.scale() > MAX_AMOUNT_DIGITS) {
					errors.put(cell.getKey(), "quota.amount.invalid");
					continue;
				}
			}
			changes.add(new SetQuota(userId, period.type(), period.start(), amount, currency));
		}
		if (errors.isEmpty()) {
			try {
				quotas.set(Visibility.of(me), changes);
				redirect.addFlashAttribute("flash", "flash.quota.saved");
				return "redirect:/quotas?year=" + form.getYear() + "&type=" + form.getPeriodType()
						+ (form.getTeamId() == null ? "" : "&team=" + form.getTeamId());
			}
			catch (RuleViolationException ex) {
				errors.put("global", ex.code());
			}
		}
		model.addAttribute("flashError", "flash.fixErrors");
		return show(me, form, errors, model);
	}

	private String show(CrmUser me, QuotaGridForm form, Map<String, String> errors, Model model) {
		QuotaGrid grid = quotas.grid(Visibility.of(me), form.getTeamId(), form.getYear(), form.getPeriodType());
		model.addAttribute("grid", grid);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("editable", me.role() == Role.ADMIN || me.role() == Role.MANAGER);
		model.addAttribute("teams", me.role() == Role.ADMIN ? users.listTeams() : List.of());
		model.addAttribute("types", PeriodType.values());
		return "sales/quotas";
	}

}
