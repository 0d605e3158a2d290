package org.opencrm.web.contact;

import jakarta.validation.Valid;
import java.util.List;
import org.opencrm.core.account.AccountRef;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactMatch;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.customer.CustomerDashboard;
import org.opencrm.web.lists.ListKind;
import org.opencrm.web.lists.ListPage;
import jakarta.servlet.http.HttpServletRequest;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.UserSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.Owners;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.web.system.PageSize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/contacts")
class ContactController {

	private final ContactService contacts;

	private final ContactList contactList;

	private final ContactLookup contactLookup;

	private final AccountService accounts;

	private final UserDirectory users;

	private final CustomerDashboard dashboard;

	private final Owners owners;

	private final AccountAccess access;

	private final ListPage listPage;

	ContactController(ContactService contacts, ContactList contactList, ContactLookup contactLookup,
			AccountService accounts, UserDirectory users, CustomerDashboard dashboard, Owners owners,
			AccountAccess access, ListPage listPage) {
		this.contacts = contacts;
		this.contactList = contactList;
		this.contactLookup = contactLookup;
		this.accounts = accounts;
		this.users = users;
		this.dashboard = dashboard;
		this.owners = owners;
		this.access = access;
		this.listPage = listPage;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long owner,
			@RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) String tag,
			@RequestParam(required = false) ContactFilter.Sort sort, @RequestParam(required = false) Long account,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) List<String> cols,
			@RequestParam(required = false) Long view, @AuthenticationPrincipal CrmUser user,
			HttpServletRequest request, Model model) {
		ContactFilter filter = new ContactFilter(q, owner, stage, tag, account, sort);
		Visibility visibility = Visibility.of(user);
		if (account != null) {
			model.addAttribute("account", accounts.details(account, visibility));
		}
		model.addAttribute("filter", filter);
		model.addAttribute("page", contactList.list(filter, visibility, cursor, PageSize.LIST));
		List<UserSummary> staff = users.assignableUsers();
		model.addAttribute("users", staff);
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("sorts", ContactFilter.Sort.values());
		listPage.addTo(model, ListKind.CONTACTS, user, request, cols, view, staff);
		return "contact/list";
	}

	@GetMapping("/new")
	String newForm(@RequestParam(required = false) Long accountId, @RequestParam(required = false) String email,
			@RequestParam(required = false) String phone, @AuthenticationPrincipal CrmUser user, Model model) {
		String accountName = accountId == null ? "" : accounts.details(accountId, Visibility.of(user)).name();
		ContactForm form = ContactForm.empty(accountName, Owners.defaultOwner(user));
		// Filled in from a look-up that found no one (the call-centre flow).
		form.setEmail(email);
		form.setPhone(phone);
		model.addAttribute("form", form);
		return form(model, null, List.of(), user);
	}

	@PostMapping
	@OnRuleViolation(form = "form", field = "ownerId")
	String create(@Valid @ModelAttribute("form") ContactForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		Long accountId = resolveAccount(form, result, visibility);
		if (result.hasErrors()) {
			return form(model, null, List.of(), user);
		}
		if (!form.isConfirmDuplicate()) {
			List<ContactMatch> matches = contactLookup.findDuplicates(form.getEmail(), form.getPhone(),
					form.getFirstName(), form.getLastName(), accountId, null, visibility);
			if (!matches.isEmpty()) {
				return form(model, null, matches, user);
			}
		}
		long id = contacts.create(form.toCommand(accountId), visibility);
		if (form.isConfirmDuplicate()) {
			// "Save anyway": the people it looked like are others; don't ask again.
			contactLookup.dismissDuplicatesOf(id, visibility);
		}
		return owners.landing(user, form.getOwnerId(), access.canSeeContact(id, visibility), "/contacts/" + id,
				"/contacts", "flash.contact.created", redirect);
	}

	/**
	 * The person's dashboard (360° view); a user without rights to them gets the 404
	 * page.
	 */
	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user, Model model) {
		dashboard.addContact(model, id, user, kind, cursor);
		return "contact/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("form", ContactForm.of(contactLookup.details(id, Visibility.of(user))));
		return form(model, id, List.of(), user);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form", field = "ownerId")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ContactForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		Long accountId = resolveAccount(form, result, visibility);
		if (result.hasErrors()) {
			return form(model, id, List.of(), user);
		}
		if (!form.isConfirmDuplicate()) {
			List<ContactMatch> matches = contactLookup.findDuplicates(form.getEmail(), form.getPhone(),
					form.getFirstName(), form.getLastName(), accountId, id, visibility);
			if (!matches.isEmpty()) {
				return form(model, id, matches, user);
			}
		}
		contacts.update(id, form.toCommand(accountId), visibility);
		if (form.isConfirmDuplicate()) {
			contactLookup.dismissDuplicatesOf(id, visibility);
		}
		return owners.landing(user, form.getOwnerId(), access.canSeeContact(id, visibility), "/contacts/" + id,
				"/contacts", "flash.saved", redirect);
	}

	// What still holds the record is flashed on its page (RecordInUseException).
	@OnRuleViolation(redirect = "/contacts/{id}")
	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam long version, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		contacts.delete(id, version, Visibility.of(user));
		redirect.addFlashAttribute("flash", "flash.deleted");
		return "redirect:/contacts";
	}

	/** The typed account name must name exactly one account the user may see. */
	private Long resolveAccount(ContactForm form, BindingResult result, Visibility visibility) {
		if (!form.hasAccountName() || result.hasFieldErrors("accountName")) {
			return null;
		}
		List<AccountRef> found = accounts.findByName(form.getAccountName(), visibility);
		if (found.isEmpty()) {
			result.rejectValue("accountName", "contact.account.unknown");
			return null;
		}
		if (found.size() > 1) {
			result.rejectValue("accountName", "contact.account.ambiguous");
			return null;
		}
		return found.get(0).id();
	}

	private String form(Model model, Long id, List<ContactMatch> duplicates, CrmUser user) {
		model.addAttribute("contactId", id);
		model.addAttribute("duplicates", duplicates);
		model.addAttribute("users", owners.choices(user, ((ContactForm) model.getAttribute("form")).getOwnerId()));
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("languages", UserSettings.LANGUAGES);
		return "contact/form";
	}

}
