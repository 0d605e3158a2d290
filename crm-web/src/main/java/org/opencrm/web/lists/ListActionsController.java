package org.opencrm.web.lists;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.account.AccountFilter;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.CrmUser;
import org.opencrm.sales.lead.LeadFilter;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.sales.opportunity.OpportunityFilter;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.Paths;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk actions and CSV export on the accounts, contacts, leads and deals lists. A bulk
 * action is a plain form post of the ticked rows ({@code id:version}); the outcome ("12
 * updated, 1 skipped: changed by someone else") is flashed back onto the list with its
 * filters. Bad input (nothing ticked, an unknown action, too many rows) is flashed as a
 * message before any row is touched.
 */
@Controller
class ListActionsController {

	private final CustomerBulk bulk;

	private final CustomerExports exports;

	private final UserDirectory users;

	private final LeadBulk leads;

	private final DealBulk deals;

	ListActionsController(CustomerBulk bulk, CustomerExports exports, UserDirectory users, LeadBulk leads,
			DealBulk deals) {
		this.bulk = bulk;
		this.exports = exports;
		this.users = users;
		this.leads = leads;
		this.deals = deals;
	}

	static final List<String> LIFECYCLE_STAGES = Arrays.stream(LifecycleStage.values()).map(Enum::name).toList();

	static final List<String> LEAD_STATUSES = Arrays.stream(LeadStatus.values()).map(Enum::name).toList();

	/** Assign or move leads (sales roles and admins, as every lead change). */
	@PostMapping("/leads/bulk")
	@OnRuleViolation(redirect = "/leads")
	String leads(BulkForm form, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		BulkAction action = action(form, user, LEAD_STATUSES);
		redirect.addFlashAttribute("bulkOutcome",
				leads.run(action, form.reason(), form.selection(), Visibility.of(user)));
		return "redirect:" + Paths.localUnder(form.back(), ListKind.LEADS.path(), ListKind.LEADS.path());
	}

	/** Every lead the list's filters match, as the user may see them. */
	@GetMapping("/leads/export")
	ResponseEntity<StreamingResponseBody> exportLeads(@RequestParam(required = false) String q,
			@RequestParam(required = false) LeadStatus status, @RequestParam(required = false) Long owner,
			@RequestParam(required = false) String source, @AuthenticationPrincipal CrmUser user, Locale locale) {
		return leads.export(new LeadFilter(q, status, owner, source == null || source.isBlank() ? null : source),
				Visibility.of(user), locale);
	}

	/**
	 * Assign, move (a lost stage with the form's reason) or delete deals (sales roles and
	 * admins, as every deal change; delete: managers and admins).
	 */
	@PostMapping("/opportunities/bulk")
	@OnRuleViolation(redirect = "/opportunities")
	String deals(BulkForm form, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		BulkAction action = action(form, user, deals.stageChoices().stream().map(DealBulk.StageChoice::id).toList());
		redirect.addFlashAttribute("bulkOutcome",
				deals.run(action, form.reason(), form.selection(), Visibility.of(user)));
		return "redirect:" + Paths.localUnder(form.back(), ListKind.DEALS.path(), ListKind.DEALS.path());
	}

	/** Every deal the list's filters match, as the user may see them. */
	@GetMapping("/opportunities/export")
	ResponseEntity<StreamingResponseBody> exportDeals(@RequestParam(required = false) Long owner,
			@RequestParam(required = false) Long team, @RequestParam(required = false) Long pipeline,
			@RequestParam(required = false) Long stage, @RequestParam(required = false) StageKind status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closedFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closedTo,
			@RequestParam(required = false) String q, @AuthenticationPrincipal CrmUser user, Locale locale) {
		return deals.export(new OpportunityFilter(owner, team, pipeline, stage, status, closeFrom, closeTo, closedFrom,
				closedTo, q), Visibility.of(user), locale);
	}

	@PostMapping("/accounts/bulk")
	@OnRuleViolation(redirect = "/accounts")
	String accounts(BulkForm form, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		BulkAction action = action(form, user, LIFECYCLE_STAGES);
		redirect.addFlashAttribute("bulkOutcome", bulk.accounts(action, form.selection(), Visibility.of(user)));
		return "redirect:" + Paths.localUnder(form.back(), ListKind.ACCOUNTS.path(), ListKind.ACCOUNTS.path());
	}

	@PostMapping("/contacts/bulk")
	@OnRuleViolation(redirect = "/contacts")
	String contacts(BulkForm form, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		BulkAction action = action(form, user, LIFECYCLE_STAGES);
		redirect.addFlashAttribute("bulkOutcome", bulk.contacts(action, form.selection(), Visibility.of(user)));
		return "redirect:" + Paths.localUnder(form.back(), ListKind.CONTACTS.path(), ListKind.CONTACTS.path());
	}

	/** Every account the list's filters match, as the user may see them. */
	@GetMapping("/accounts/export")
	ResponseEntity<StreamingResponseBody> exportAccounts(@RequestParam(required = false) String q,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) LifecycleStage stage,
			@RequestParam(required = false) String tag, @RequestParam(required = false) AccountFilter.Sort sort,
			@AuthenticationPrincipal CrmUser user, Locale locale) {
		return exports.accounts(new AccountFilter(q, owner, stage, tag, sort), Visibility.of(user), locale);
	}

	/** The ticked accounts (those the user may see). */
	@PostMapping("/accounts/export")
	@OnRuleViolation(redirect = "/accounts")
	ResponseEntity<StreamingResponseBody> exportSelectedAccounts(BulkForm form, @AuthenticationPrincipal CrmUser user,
			Locale locale) {
		return exports.accounts(form.selection(), Visibility.of(user), locale);
	}

	@GetMapping("/contacts/export")
	ResponseEntity<StreamingResponseBody> exportContacts(@RequestParam(required = false) String q,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) LifecycleStage stage,
			@RequestParam(required = false) String tag, @RequestParam(required = false) Long account,
			@RequestParam(required = false) ContactFilter.Sort sort, @AuthenticationPrincipal CrmUser user,
			Locale locale) {
		return exports.contacts(new ContactFilter(q, owner, stage, tag, account, sort), Visibility.of(user), locale);
	}

	@PostMapping("/contacts/export")
	@OnRuleViolation(redirect = "/contacts")
	ResponseEntity<StreamingResponseBody> exportSelectedContacts(BulkForm form, @AuthenticationPrincipal CrmUser user,
			Locale locale) {
		return exports.contacts(form.selection(), Visibility.of(user), locale);
	}

	private BulkAction action(BulkForm form, CrmUser user, List<String> stages) {
		BulkAction action = BulkAction.of(form.action(), form.owner(), form.tag(), form.newStage(), user, stages);
		if (action.kind() == BulkAction.Kind.ASSIGN) {
			CustomerBulk.requireAssignable(action,
					CustomerBulk.assignable(users.ownerChoices(Visibility.of(user)), Visibility.of(user)));
		}
		return action;
	}

	/**
	 * The bulk form: the ticked rows, "all on this page" with the page's rows, the action
	 * and its value (a move to "Disqualified" or a lost stage: the reason), and the list
	 * address to go back to.
	 */
	record BulkForm(List<String> rows, Boolean allOnPage, List<String> pageRows, String action, Long owner, String tag,
			String newStage, String reason, String back) {

		BulkSelection selection() {
			return BulkSelection.of(rows, Boolean.TRUE.equals(allOnPage), pageRows);
		}

	}

}
