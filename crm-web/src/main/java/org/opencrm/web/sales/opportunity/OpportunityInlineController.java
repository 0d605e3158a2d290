package org.opencrm.web.sales.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.sales.opportunity.OpportunityDetails;
import org.opencrm.sales.opportunity.OpportunityQuery;
import org.opencrm.sales.opportunity.OpportunityService;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.web.sales.SalesWeb;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.InlineEdit;
import org.opencrm.web.system.Owners;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Quick edits of a deal's amount, stage, close date and owner from the deals list and the
 * deal page: a click swaps the value for a small form (htmx; {@link InlineEdit}, as the
 * lead's and the ticket's), saving swaps it back. The form carries the version it was
 * drawn with and saves through {@link OpportunityService#update} like the edit form
 * (rules, audit, timeline, notifications), so a stale one conflicts: without htmx it is
 * the conflict page, with htmx the form says so and links the current deal. Without
 * JavaScript the value is a link to the edit form.
 */
@Controller
@RequestMapping("/opportunities/{id}/inline/{field}")
class OpportunityInlineController {

	/** The fields a deal offers for quick edits, as named in the address. */
	enum Field implements InlineEdit.Field {

		AMOUNT("opportunity.amount"), STAGE("opportunity.stage"), CLOSE_DATE("opportunity.closeDate"),
		OWNER("common.owner");

		private final String label;

		Field(String label) {
			this.label = label;
		}

		@Override
		public String label() {
			return label;
		}

	}

	private final OpportunityService deals;

	private final OpportunityQuery query;

	private final PipelineService pipelines;

	private final Owners owners;

	private final Formats fmt;

	private final MessageSource messages;

	OpportunityInlineController(OpportunityService deals, OpportunityQuery query, PipelineService pipelines,
			Owners owners, Formats fmt, MessageSource messages) {
		this.deals = deals;
		this.query = query;
		this.pipelines = pipelines;
		this.owners = owners;
		this.fmt = fmt;
		this.messages = messages;
	}

	/** The small form ({@code cancel}: the value again, as it is now). */
	@GetMapping
	String edit(@PathVariable long id, @PathVariable String field, @RequestParam(defaultValue = "false") boolean cancel,
			@RequestHeader(name = "HX-Request", required = false) String htmx, @AuthenticationPrincipal CrmUser user,
			Model model) {
		Field f = InlineEdit.field(Field.class, field);
		OpportunityDetails deal = query.details(id, SalesWeb.visibility(user));
		if (cancel) {
			return cell(model, deal, f, user);
		}
		model.addAttribute("inline", form(deal, f, deal.version(), current(deal, f), null, user));
		return InlineEdit.view(htmx);
	}

	@PostMapping
	String save(@PathVariable long id, @PathVariable String field, @RequestParam(required = false) String value,
			@RequestParam long version, @RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Current-URL", required = false) String page,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		Field f = InlineEdit.field(Field.class, field);
		OpportunityDetails deal = query.details(id, SalesWeb.visibility(user));
		OpportunityForm form = OpportunityForm.of(deal);
		form.setVersion(version);
		String problem = apply(form, deal, f, value == null ? "" : value.trim(), user);
		if (problem == null) {
			try {
				deals.update(id, form.toCommand(deal.accountId(), null, null), SalesWeb.visibility(user));
			}
			catch (StaleEditException | ObjectOptimisticLockingFailureException ex) {
				if (htmx == null) {
					throw ex;
				}
				// The current deal and its version with what the user typed: saving again
				// applies it to what is there now.
				OpportunityDetails current = query.details(id, SalesWeb.visibility(user));
				model.addAttribute("inline", form(current, f, current.version(), value, "inline.conflict", user));
				return InlineEdit.view(htmx);
			}
			catch (RuleViolationException ex) {
				problem = messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale());
			}
		}
		if (htmx == null) {
			if (problem != null) {
				redirect.addFlashAttribute("ruleError", problem);
			}
			else {
				redirect.addFlashAttribute("flash", "flash.saved");
			}
			return "redirect:/opportunities/" + id;
		}
		if (problem != null) {
			model.addAttribute("inline", form(deal, f, version, value, null, user).withProblem(problem));
			return InlineEdit.view(htmx);
		}
		try {
			OpportunityDetails saved = query.details(id, SalesWeb.visibility(user));
			// On the deal page the "move to" form carries the version too: brought up to
			// date with the cell.
			model.addAttribute("movedVersion",
					page != null && page.matches("^[^?#]*/opportunities/" + id + "([?#].*)?$") ? saved.version()
							: null);
			return cell(model, saved, f, user);
		}
		catch (NotFoundException ex) {
			// Given to someone outside the user's view: saved, and no longer theirs to
			// see.
			model.addAttribute("cellId", cellId(id, f));
			return "sales/opportunity/inline :: gone";
		}
	}

	/**
	 * Puts the typed value into the form; the message for a value that can't be one, else
	 * null.
	 */
	private String apply(OpportunityForm form, OpportunityDetails deal, Field f, String value, CrmUser user) {
		Locale locale = LocaleContextHolder.getLocale();
		switch (f) {
			case AMOUNT -> {
				if (!deal.lines().isEmpty()) {
					return messages.getMessage("inline.amount.fromLines", null, locale);
				}
				try {
					BigDecimal amount = new BigDecimal(value.replace(" ", ""));
					if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 13) {
						return messages.getMessage("inline.amount.invalid", null, locale);
					}
					form.setAmount(amount);
				}
				catch (NumberFormatException ex) {
					return messages.getMessage("inline.amount.invalid", null, locale);
				}
			}
			case CLOSE_DATE -> {
				try {
					form.setCloseDate(LocalDate.parse(value));
				}
				catch (DateTimeParseException ex) {
					return messages.getMessage("inline.closeDate.invalid", null, locale);
				}
			}
			case STAGE -> {
				Long stage = number(value);
				if (stage == null || pipelines.stages(deal.pipelineId())
					.stream()
					.noneMatch(s -> s.id() == stage && (s.active() || s.id() == deal.stageId()))) {
					return messages.getMessage("inline.stage.invalid", null, locale);
				}
				form.setStageId(stage);
			}
			case OWNER -> {
				Long owner = number(value);
				if (owner == null || owners.choices(user, deal.ownerId()).stream().noneMatch(u -> u.id() == owner)) {
					return messages.getMessage("inline.owner.invalid", null, locale);
				}
				form.setOwnerId(owner);
			}
		}
		return null;
	}

	private static Long number(String value) {
		return value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
	}

	private static String current(OpportunityDetails deal, Field f) {
		return switch (f) {
			case AMOUNT -> deal.amount().stripTrailingZeros().toPlainString();
			case STAGE -> String.valueOf(deal.stageId());
			case CLOSE_DATE -> String.valueOf(deal.closeDate());
			case OWNER -> String.valueOf(deal.ownerId());
		};
	}

	private InlineEdit form(OpportunityDetails deal, Field f, long version, String value, String conflict,
			CrmUser user) {
		Locale locale = LocaleContextHolder.getLocale();
		List<InlineEdit.Choice> choices = switch (f) {
			case STAGE -> pipelines.stages(deal.pipelineId())
				.stream()
				.filter(s -> s.active() || s.id() == deal.stageId())
				.map(s -> new InlineEdit.Choice(String.valueOf(s.id()), s.name()))
				.toList();
			case OWNER -> owners.choices(user, deal.ownerId())
				.stream()
				.map(u -> new InlineEdit.Choice(String.valueOf(u.id()), u.fullName()))
				.toList();
			case AMOUNT, CLOSE_DATE -> List.of();
		};
		InlineEdit.Input input = switch (f) {
			case AMOUNT -> InlineEdit.Input.AMOUNT;
			case CLOSE_DATE -> InlineEdit.Input.DATE;
			case STAGE, OWNER -> InlineEdit.Input.CHOICE;
		};
		// A deal with products: the amount is their total.
		String locked = f == Field.AMOUNT && !deal.lines().isEmpty()
				? messages.getMessage("inline.amount.fromLines", null, locale) : null;
		return new InlineEdit("/opportunities/" + deal.id() + "/inline/" + f.path(), cellId(deal.id(), f),
				messages.getMessage(f.label(), null, locale), version, value, input, choices, null, null, null,
				conflict, "/opportunities/" + deal.id(), deal.name(), locked);
	}

	private String cell(Model model, OpportunityDetails deal, Field f, CrmUser user) {
		model.addAttribute("cellId", cellId(deal.id(), f));
		model.addAttribute("dealId", deal.id());
		model.addAttribute("field", f.path());
		model.addAttribute("label", f.label());
		model.addAttribute("shown", shown(deal, f));
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		return "sales/opportunity/inline :: saved";
	}

	/** The value as the list and the deal page show it. */
	private String shown(OpportunityDetails deal, Field f) {
		return switch (f) {
			case AMOUNT -> fmt.money(deal.amount(), deal.currency());
			case STAGE -> deal.stageName();
			case CLOSE_DATE -> fmt.day(deal.closeDate());
			case OWNER -> deal.ownerName();
		};
	}

	static String cellId(long id, Field f) {
		return "deal-" + id + "-" + f.path();
	}

}
