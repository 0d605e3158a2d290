package org.opencrm.web.marketing.campaign;

import jakarta.validation.Valid;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.campaign.CampaignQuery;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignStatus;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.Forms;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Campaigns: list, plan, edit, schedule (send now or at a time), cancel, and the results
 * page.
 */
@Controller
@RequestMapping("/marketing/campaigns")
class CampaignController {

	private final CampaignService campaigns;

	private final CampaignQuery campaignQuery;

	private final TemplateService templates;

	private final Formats fmt;

	CampaignController(CampaignService campaigns, CampaignQuery campaignQuery, TemplateService templates, Formats fmt) {
		this.campaigns = campaigns;
		this.campaignQuery = campaignQuery;
		this.templates = templates;
		this.fmt = fmt;
	}

	@InitBinder("form")
	void allowFields(WebDataBinder binder) {
		binder.setAllowedFields("name", "type", "budget", "currency", "startsOn", "endsOn", "segmentId", "templateId",
				"version");
	}

	@GetMapping
	String list(@RequestParam(required = false) CampaignStatus status, @RequestParam(required = false) String cursor,
			Model model) {
		model.addAttribute("page", campaignQuery.list(status, cursor, PageSize.LIST));
		model.addAttribute("status", status);
		model.addAttribute("statuses", CampaignStatus.values());
		return "marketing/campaign/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", new CampaignForm());
		return form(model, null);
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") CampaignForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		long id = campaigns.create(form.toCommand());
		redirect.addFlashAttribute("flash", "mkt.campaign.saved");
		return "redirect:/marketing/campaigns/" + id;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		var campaign = campaignQuery.details(id);
		model.addAttribute("campaign", campaign);
		model.addAttribute("report", campaignQuery.report(id));
		model.addAttribute("problems", campaignQuery.problems(id));
		if (campaign.isEditable() && campaign.type() == CampaignType.EMAIL) {
			try {
				model.addAttribute("eligible", campaignQuery.eligibleRecipients(id));
			}
			catch (RuleViolationException ex) {
				model.addAttribute("eligibleProblem", ex.code());
			}
		}
		return "marketing/campaign/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("form", CampaignForm.of(campaignQuery.details(id)));
		return form(model, id);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") CampaignForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, id);
		}
		campaigns.update(id, form.toCommand());
		redirect.addFlashAttribute("flash", "mkt.campaign.saved");
		return "redirect:/marketing/campaigns/" + id;
	}

	/**
	 * Send now (no time given) or at the given local time; refused while nobody may get
	 * it.
	 */
	@PostMapping("/{id}/schedule")
	@OnRuleViolation(redirect = "/marketing/campaigns/{id}")
	String schedule(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String sendAt,
			RedirectAttributes redirect) {
		LocalDateTime at;
		try {
			at = Forms.trimmed(sendAt) == null ? null : LocalDateTime.parse(sendAt.trim());
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("flashError", "mkt.campaign.sendAt.invalid");
			return "redirect:/marketing/campaigns/" + id;
		}
		campaigns.schedule(id, version, fmt.toInstant(at));
		redirect.addFlashAttribute("flash", at == null ? "mkt.campaign.sendingNow" : "mkt.campaign.scheduled");
		return "redirect:/marketing/campaigns/" + id;
	}

	@PostMapping("/{id}/cancel")
	@OnRuleViolation(redirect = "/marketing/campaigns/{id}")
	String cancel(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
		campaigns.cancel(id, version);
		redirect.addFlashAttribute("flash", "mkt.campaign.cancelled");
		return "redirect:/marketing/campaigns/" + id;
	}

	private String form(Model model, Long id) {
		model.addAttribute("campaignId", id);
		model.addAttribute("types", CampaignType.values());
		model.addAttribute("templates", templates.list());
		model.addAttribute("segments", campaignQuery.segmentChoices());
		return "marketing/campaign/form";
	}

}
