package org.opencrm.web.customer;

import java.util.List;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.health.CustomerHealthQuery;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.marketing.customer.MarketingCustomerSummary;
import org.opencrm.sales.crosssell.CrossSellService;
import org.opencrm.sales.customer.SalesCustomerSummary;
import org.opencrm.service.customer.ServiceCustomerSummary;
import org.opencrm.service.tier.ServiceTier;
import org.opencrm.web.database.ReadRetry;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.task.TaskSection;
import org.opencrm.web.timeline.TimelineSection;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The single-customer dashboard (360° view) of an account or a contact, rendered in one
 * request: core's profile, tasks, history, timeline and health, then one call per domain
 * module to its read-only façade ({@link SalesCustomerSummary},
 * {@link ServiceCustomerSummary}, {@link MarketingCustomerSummary}). Each part reads a
 * fixed number of statements, so the page costs the same for a customer with ten thousand
 * timeline entries as for a new one. Access is part of the profile's query (a customer
 * out of reach is "not found").
 */
@Component
public class CustomerDashboard {

	/**
	 * Cross-sell suggestions shown on a dashboard (products similar customers bought).
	 */
	private static final int CROSS_SELL = 5;

	private final AccountService accounts;

	private final ContactList contactList;

	private final ContactLookup contactLookup;

	private final ContactService contacts;

	private final TaskSection tasks;

	private final AuditTrail audit;

	private final UserDirectory users;

	private final TimelineSection timeline;

	private final CustomerHealthQuery health;

	private final SalesCustomerSummary sales;

	private final CrossSellService crossSell;

	private final ServiceCustomerSummary service;

	private final MarketingCustomerSummary marketing;

	private final Formats fmt;

	private final ReadRetry reads;

	private final WorkflowRuns workflowRuns;

	/** How many of the latest workflow runs the page shows. */
	static final int AUTOMATION_RUNS = 5;

	CustomerDashboard(AccountService accounts, ContactList contactList, ContactLookup contactLookup,
			ContactService contacts, TaskSection tasks, AuditTrail audit, UserDirectory users, TimelineSection timeline,
			CustomerHealthQuery health, SalesCustomerSummary sales, CrossSellService crossSell,
			ServiceCustomerSummary service, MarketingCustomerSummary marketing, Formats fmt, ReadRetry reads,
			WorkflowRuns workflowRuns) {
		this.reads = reads;
		this.workflowRuns = workflowRuns;
		this.accounts = accounts;
		this.contactList = contactList;
		this.contactLookup = contactLookup;
		this.contacts = contacts;
		this.tasks = tasks;
		this.audit = audit;
		this.users = users;
		this.timeline = timeline;
		this.health = health;
		this.sales = sales;
		this.crossSell = crossSell;
		this.service = service;
		this.marketing = marketing;
		this.fmt = fmt;
	}

	public void addAccount(Model model, long id, CrmUser user, List<String> kinds, String cursor) {
		reads.inOneReadOnlyTransaction(() -> readAccount(model, id, user, kinds, cursor));
	}

	private void readAccount(Model model, long id, CrmUser user, List<String> kinds, String cursor) {
		Visibility visibility = Visibility.of(user);
		// The access rule is part of the details query: no extra statement for it. The
		// contacts are counted once, capped, by the contact section's list.
		AccountDetails account = accounts.header(id, visibility);
		String base = "/accounts/" + id;
		model.addAttribute("account", account);
		model.addAttribute("contacts", contactList.section(ContactFilter.ofAccount(id), PageSize.SECTION));
		tasks.addTo(model, id, null, base);
		model.addAttribute("history", audit.history("account", id, PageSize.SECTION));
		// The workflow rules' latest runs on it: one statement on their index.
		model.addAttribute("automation", workflowRuns.forRecord("account", id, AUTOMATION_RUNS));
		model.addAttribute("users", users.assignableUsers());
		timeline.addTo(model, base, TimelineSection.forAccount(id), kinds, cursor);
		model.addAttribute("health", health.forAccount(id).orElse(null));
		model.addAttribute("crossSell", crossSell.forAccount(id, CROSS_SELL));
		model.addAttribute("sales", sales.forAccount(id, visibility, fmt.zone()));
		model.addAttribute("salesScope", "ACCOUNT");
		model.addAttribute("service", service.forAccount(id));
		model.addAttribute("tiers", ServiceTier.values());
		model.addAttribute("marketing", marketing.forAccount(id));
		model.addAttribute("dashboardBase", base);
	}

	/**
	 * A person's dashboard. Health and the sales figures (deals, revenue, purchases) are
	 * their account's when they have one — people call about their company's business;
	 * without an account, the deals they are the primary contact of. Tickets,
	 * satisfaction, marketing and the timeline are the person's own.
	 */
	public void addContact(Model model, long id, CrmUser user, List<String> kinds, String cursor) {
		reads.inOneReadOnlyTransaction(() -> readContact(model, id, user, kinds, cursor));
	}

	private void readContact(Model model, long id, CrmUser user, List<String> kinds, String cursor) {
		Visibility visibility = Visibility.of(user);
		ContactDetails contact = contactLookup.details(id, visibility);
		String base = "/contacts/" + id;
		model.addAttribute("contact", contact);
		tasks.addTo(model, null, id, base);
		model.addAttribute("history", audit.history("contact", id, PageSize.SECTION));
		model.addAttribute("automation", workflowRuns.forRecord("contact", id, AUTOMATION_RUNS));
		model.addAttribute("consentLog", contacts.consentHistory(id, PageSize.SECTION));
		model.addAttribute("users", users.assignableUsers());
		timeline.addTo(model, base, TimelineSection.forContact(id), kinds, cursor);
		Long accountId = contact.accountId();
		model.addAttribute("health", accountId == null ? null : health.forAccount(accountId).orElse(null));
		model.addAttribute("crossSell", accountId == null ? List.of() : crossSell.forAccount(accountId, CROSS_SELL));
		model.addAttribute("sales", accountId == null ? sales.forContact(id, visibility, fmt.zone())
				: sales.forAccount(accountId, visibility, fmt.zone()));
		model.addAttribute("salesScope", accountId == null ? "CONTACT" : "ACCOUNT");
		model.addAttribute("service", service.forContact(id));
		model.addAttribute("marketing", marketing.forContact(id));
		model.addAttribute("dashboardBase", base);
	}

}
