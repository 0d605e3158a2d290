package org.opencrm.web.sales.lead;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.sales.lead.LeadQuery;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.web.sales.SalesWeb;
import org.opencrm.web.system.InlineEdit;
import org.opencrm.web.system.Owners;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import jakarta.servlet.http.HttpServletResponse;
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
 * Quick edits of a lead's status and owner from the lead list and the lead page, as the
 * deal's ({@code OpportunityInlineController}): a click swaps the value for a small form
 * (htmx), saving swaps it back. The form carries the version it was drawn with and saves
 * through {@link LeadService} like the lead page's status buttons and the edit form
 * (rules, audit, notifications): a stale one conflicts (with htmx the form says so and
 * offers the current version, without it is the conflict page). Disqualifying needs a
 * reason, as on the lead page. Without JavaScript the value links to the small form as a
 * page of its own, which goes back to the lead when saved.
 */
@Controller
@RequestMapping("/leads/{id}/inline/{field}")
class LeadInlineController {

	/** The fields a lead offers for quick edits, as named in the address. */
	enum Field implements InlineEdit.Field {

		STATUS("lead.status"), OWNER("common.owner");

		private final String label;

		Field(String label) {
			this.label = label;
		}

		@Override
		public String label() {
			return label;
		}

	}

	private final LeadService leads;

	private final LeadQuery query;

	private final Owners owners;

	private final MessageSource messages;

	LeadInlineController(LeadService leads, LeadQuery query, Owners owners, MessageSource messages) {
		this.leads = leads;
		this.query = query;
		this.owners = owners;
		this.messages = messages;
	}

	/**
	 * The small form ({@code cancel}, or a converted lead: the value again, as it is
	 * now).
	 */
	@GetMapping
	String edit(@PathVariable long id, @PathVariable String field, @RequestParam(defaultValue = "false") boolean cancel,
			@RequestHeader(name = "HX-Request", required = false) String htmx, @AuthenticationPrincipal CrmUser user,
			Model model) {
		Field f = InlineEdit.field(Field.class, field);
		LeadDetails lead = query.details(id, SalesWeb.visibility(user));
		if (cancel || lead.status() == LeadStatus.CONVERTED) {
			return htmx != null ? cell(model, lead, f, user) : "redirect:/leads/" + id;
		}
		model.addAttribute("inline", form(lead, f, lead.version(), current(lead, f), null, null, user));
		return InlineEdit.view(htmx);
	}

	@PostMapping
	String save(@PathVariable long id, @PathVariable String field, @RequestParam(required = false) String value,
			@RequestParam(required = false) String reason, @RequestParam long version,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Current-URL", required = false) String page,
			@AuthenticationPrincipal CrmUser user, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Field f = InlineEdit.field(Field.class, field);
		Visibility visibility = SalesWeb.visibility(user);
		LeadDetails lead = query.details(id, visibility);
		String sent = value == null ? "" : value.trim();
		String problem = null;
		try {
			problem = apply(lead, f, sent, reason, version, user, visibility);
		}
		catch (StaleEditException | ObjectOptimisticLockingFailureException ex) {
			if (htmx == null) {
				throw ex;
			}
			// The current lead and its version with what the user chose: saving again
			// applies it to what is there now.
			LeadDetails current = query.details(id, visibility);
			model.addAttribute("inline",
					form(current, f, current.version(), sent, reason, "inline.conflict.lead", user));
			return InlineEdit.view(htmx);
		}
		catch (RuleViolationException ex) {
			problem = messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale());
		}
		if (problem != null) {
			model.addAttribute("inline", form(lead, f, version, sent, reason, null, user).withProblem(problem));
			return InlineEdit.view(htmx);
		}
		if (htmx == null) {
			// Given to someone outside the user's view: the list, saying so.
			Long owner = query.ownerOf(id);
			return owners.landing(user, owner, owners.seesOwnedBy(user, owner), "/leads/" + id, "/leads", "flash.saved",
					redirect);
		}
		if (InlineEdit.fromRecordPage(page, "/leads/" + id)) {
			// The lead page shows the status and owner elsewhere too (and its forms carry
			// the version): it reloads.
			response.setHeader("HX-Refresh", "true");
		}
		try {
			return cell(model, query.details(id, visibility), f, user);
		}
		catch (NotFoundException ex) {
			// Given to someone outside the user's view: saved, and no longer theirs to
			// see.
			model.addAttribute("cellId", cellId(id, f));
			return "sales/lead/inline :: gone";
		}
	}

	/**
	 * Saves the chosen value through the lead's service; the message for a value that
	 * can't be one, else null.
	 */
	private String apply(LeadDetails lead, Field f, String value, String reason, long version, CrmUser user,
			Visibility visibility) {
		Locale locale = LocaleContextHolder.getLocale();
		switch (f) {
			case STATUS -> {
				LeadStatus status = Arrays.stream(LeadStatus.values())
					.filter(s -> s.name().equals(value))
					.findFirst()
					.orElse(null);
				if (status == null || status != lead.status() && !lead.status().next().contains(status)) {
					return messages.getMessage("inline.status.invalid", null, locale);
				}
				if (status != lead.status() || version != lead.version()) {
					leads.changeStatus(lead.id(), version, status, reason, visibility);
				}
			}
			case OWNER -> {
				Long owner = InlineEdit.id(value);
				if (owner == null
						|| owners.choices(user, lead.ownerId()).stream().noneMatch(u -> u.id() == owner.longValue())) {
					return messages.getMessage("inline.owner.invalid", null, locale);
				}
				LeadForm form = LeadForm.of(lead);
				form.setOwnerId(owner);
				form.setVersion(version);
				leads.update(lead.id(), form.toCommand(lead.campaignId()), visibility);
			}
		}
		return null;
	}

	private static String current(LeadDetails lead, Field f) {
		return switch (f) {
			case STATUS -> lead.status().name();
			case OWNER -> lead.ownerId() == null ? "" : String.valueOf(lead.ownerId());
		};
	}

	private InlineEdit form(LeadDetails lead, Field f, long version, String value, String reason, String conflict,
			CrmUser user) {
		Locale locale = LocaleContextHolder.getLocale();
		List<InlineEdit.Choice> choices = new ArrayList<>();
		if (f == Field.STATUS) {
			// The status it has, then those it may move to, in the flow's order.
			for (LeadStatus s : LeadStatus.values()) {
				if (s == lead.status() || lead.status().next().contains(s)) {
					choices.add(new InlineEdit.Choice(s.name(), messages.getMessage("lead.status." + s, null, locale)));
				}
			}
		}
		else {
			for (UserSummary u : owners.choices(user, lead.ownerId())) {
				choices.add(new InlineEdit.Choice(String.valueOf(u.id()), u.fullName()));
			}
		}
		return new InlineEdit("/leads/" + lead.id() + "/inline/" + f.path(), cellId(lead.id(), f),
				messages.getMessage(f.label(), null, locale), version, value, choices,
				f == Field.STATUS && lead.status().next().contains(LeadStatus.DISQUALIFIED)
						? messages.getMessage("lead.disqualifiedReason", null, locale) : null,
				reason, null, conflict, "/leads/" + lead.id(), lead.fullName());
	}

	private String cell(Model model, LeadDetails lead, Field f, CrmUser user) {
		model.addAttribute("lead", lead);
		model.addAttribute("field", f.path());
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		return "sales/lead/inline :: saved";
	}

	static String cellId(long id, Field f) {
		return "lead-" + id + "-" + f.path();
	}

}
