package org.opencrm.web.sales.lead;

import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.imports.ImportField;
import org.opencrm.core.imports.ImportService;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.sales.lead.ConvertLead;
import org.opencrm.sales.lead.Conversion;
import org.opencrm.sales.lead.LeadConversion;
import org.opencrm.sales.lead.LeadDetails;
import org.opencrm.sales.lead.LeadDuplicates;
import org.opencrm.sales.lead.LeadFilter;
import org.opencrm.sales.lead.LeadMatch;
import org.opencrm.sales.lead.LeadQuery;
import org.opencrm.sales.lead.LeadService;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.sales.lead.LogLeadActivity;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.web.sales.SalesWeb;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.Owners;
import org.opencrm.web.system.PageSize;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import jakarta.servlet.http.HttpServletRequest;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.web.lists.ListKind;
import org.opencrm.web.lists.ListPage;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lead pages: list, form with duplicate check, page with status flow and activities,
 * conversion, CSV import.
 */
@Controller
@RequestMapping("/leads")
class LeadController {

	private final LeadService leads;

	private final LeadQuery query;

	private final LeadDuplicates duplicates;

	private final LeadConversion conversion;

	private final ImportService imports;

	private final UserDirectory users;

	private final AccountService accounts;

	private final ContactLookup contacts;

	private final PipelineService pipelines;

	private final SalesWeb web;

	private final Formats fmt;

	private final Owners owners;

	private final AuditTrail audit;

	private final ListPage listPage;

	private final WorkflowRuns workflowRuns;

	/** How many of the latest workflow runs the lead page shows. */
	static final int AUTOMATION_RUNS = 5;

	LeadController(LeadService leads, LeadQuery query, LeadDuplicates duplicates, LeadConversion conversion,
			ImportService imports, UserDirectory users, AccountService accounts, ContactLookup contacts,
			PipelineService pipelines, SalesWeb web, Formats fmt, Owners owners, AuditTrail audit, ListPage listPage,
			WorkflowRuns workflowRuns) {
		this.workflowRuns = workflowRuns;
		this.leads = leads;
		this.query = query;
		this.duplicates = duplicates;
		this.conversion = conversion;
		this.imports = imports;
		this.users = users;
		this.accounts = accounts;
		this.contacts = contacts;
		this.pipelines = pipelines;
		this.web = web;
		this.fmt = fmt;
		this.owners = owners;
		this.audit = audit;
		this.listPage = listPage;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) LeadStatus status,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) String source,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) List<String> cols,
			@RequestParam(required = false) Long view, @AuthenticationPrincipal CrmUser user,
			HttpServletRequest request, Model model) {
		LeadFilter filter = new LeadFilter(q, status, owner, source == null || source.isBlank() ? null : source);
		model.addAttribute("filter", filter);
		model.addAttribute("page", query.list(filter, SalesWeb.visibility(user), cursor, PageSize.LIST));
		List<UserSummary> staff = users.assignableUsers();
		model.addAttribute("users", staff);
		listPage.addTo(model, ListKind.LEADS, user, request, cols, view, staff);
		model.addAttribute("statuses", LeadStatus.values());
		model.addAttribute("sources", query.sources());
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		return "sales/lead/list";
	}

	@GetMapping("/new")
	String newForm(@AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("form", new LeadForm());
		return form(model, null, List.of(), user);
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") LeadForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null, List.of(), user);
		}
		if (!form.isConfirmDuplicate()) {
			List<LeadMatch> matches = duplicates.find(form.getEmail(), form.getFirstName(), form.getLastName(),
					form.getCompany(), null);
			if (!matches.isEmpty()) {
				return form(model, null, matches, user);
			}
		}
		long id = leads.create(form.toCommand(null), SalesWeb.visibility(user));
		// Without an owner the assignment rules may give it to a colleague: say so, and
		// land on the list when the user can't open it.
		Long owner = query.ownerOf(id);
		return owners.landing(user, owner, owners.seesOwnedBy(user, owner), "/leads/" + id, "/leads",
				"flash.lead.created", redirect);
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		LeadDetails lead = query.details(id, SalesWeb.visibility(user));
		model.addAttribute("lead", lead);
		model.addAttribute("activities", query.activities(id, PageSize.TIMELINE));
		model.addAttribute("tasks", query.openTasks(id, PageSize.SECTION));
		model.addAttribute("history", audit.history("lead", id, PageSize.SECTION));
		// The workflow rules' latest runs on this lead: one statement on their index.
		model.addAttribute("automation", workflowRuns.forRecord("lead", id, AUTOMATION_RUNS));
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		return "sales/lead/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("form", LeadForm.of(query.details(id, SalesWeb.visibility(user))));
		return form(model, id, List.of(), user);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") LeadForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, id, List.of(), user);
		}
		if (!form.isConfirmDuplicate()) {
			List<LeadMatch> matches = duplicates.find(form.getEmail(), form.getFirstName(), form.getLastName(),
					form.getCompany(), id);
			if (!matches.isEmpty()) {
				return form(model, id, matches, user);
			}
		}
		// The form doesn't show the campaign: the lead keeps the one it has (the version
		// check catches a change made meanwhile).
		Long campaignId = query.details(id, SalesWeb.visibility(user)).campaignId();
		leads.update(id, form.toCommand(campaignId), SalesWeb.visibility(user));
		Long owner = query.ownerOf(id);
		return owners.landing(user, owner, owners.seesOwnedBy(user, owner), "/leads/" + id, "/leads", "flash.saved",
				redirect);
	}

	@PostMapping("/{id}/status")
	@OnRuleViolation(redirect = "/leads/{id}")
	String status(@PathVariable long id, @RequestParam long version, @RequestParam LeadStatus status,
			@RequestParam(required = false) String reason, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		leads.changeStatus(id, version, status, reason, SalesWeb.visibility(user));
		redirect.addFlashAttribute("flash", "flash.lead.status");
		return "redirect:/leads/" + id;
	}

	@PostMapping("/{id}/activities")
	@OnRuleViolation(redirect = "/leads/{id}")
	String logActivity(@PathVariable long id, @RequestParam String kind, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String body, @RequestParam(required = false) String followUpTitle,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime followUpAt,
			@AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		leads.logActivity(id, new LogLeadActivity(kind, subject, body, followUpTitle, fmt.toInstant(followUpAt)),
				SalesWeb.visibility(user));
		redirect.addFlashAttribute("flash", "flash.lead.logged");
		return "redirect:/leads/" + id;
	}

	@GetMapping("/{id}/convert")
	String convertForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		Visibility visibility = SalesWeb.visibility(user);
		LeadDetails lead = query.details(id, visibility);
		model.addAttribute("lead", lead);
		// Only customers the user may see to pick from (the conversion refuses others
		// anyway).
		model.addAttribute("accountMatches",
				lead.company() == null ? List.of() : accounts.findDuplicates(lead.company(), null, null, visibility));
		model.addAttribute("contactMatches", contacts.findDuplicates(lead.email(),
				lead.firstName() == null ? "" : lead.firstName(), lead.lastName(), null, null, visibility));
		model.addAttribute("pipelines", pipelines.pipelines());
		model.addAttribute("defaultClose", LocalDate.ofInstant(fmt.now(), fmt.zone()).plusDays(30));
		return "sales/lead/convert";
	}

	@PostMapping("/{id}/convert")
	@OnRuleViolation(redirect = "/leads/{id}")
	String convert(@PathVariable long id, @RequestParam long version,
			@RequestParam(defaultValue = "new") String account, @RequestParam(defaultValue = "new") String contact,
			@RequestParam(defaultValue = "false") boolean createOpportunity,
			@RequestParam(required = false) String opportunityName, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeDate,
			@RequestParam(required = false) Long pipelineId, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		Conversion c = conversion.convert(id, new ConvertLead(idOrNull(account), idOrNull(contact), createOpportunity,
				opportunityName, amount, closeDate, pipelineId, version), SalesWeb.visibility(user));
		redirect.addFlashAttribute("flash", "flash.lead.converted");
		return "redirect:/contacts/" + c.contactId();
	}

	@GetMapping("/import")
	String importForm(@AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("columns", imports.fields("leads", user).stream().map(ImportField::key).toList());
		return "sales/lead/import";
	}

	/**
	 * The one-step import: the file goes to the import wizard's background run (batches,
	 * progress, rejected rows' report, revert), started at once when its header names the
	 * columns; its page shows the progress, or the mapping step when a column is missing.
	 */
	@PostMapping("/import")
	@OnRuleViolation(redirect = "/leads/import")
	String importCsv(@RequestParam(name = "file", required = false) MultipartFile file,
			@AuthenticationPrincipal CrmUser user) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new RuleViolationException("lead.import.noFile", "Choose a CSV file to import.");
		}
		try (InputStream in = file.getInputStream()) {
			return "redirect:/imports/" + imports.uploadAndStart("leads", file.getOriginalFilename(), in, user);
		}
	}

	private static Long idOrNull(String choice) {
		try {
			return choice == null || choice.isBlank() || "new".equals(choice) ? null : Long.valueOf(choice);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private String form(Model model, Long id, List<LeadMatch> duplicates, CrmUser user) {
		model.addAttribute("leadId", id);
		model.addAttribute("duplicates", duplicates);
		model.addAttribute("users", owners.choices(user, ((LeadForm) model.getAttribute("form")).getOwnerId()));
		return "sales/lead/form";
	}

}
