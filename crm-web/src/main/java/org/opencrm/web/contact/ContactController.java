package org.opencrm.web.contact;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
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
import org.opencrm.web.customer.AccessInFirstRead;
import org.opencrm.web.customer.CustomerDashboard;
import org.opencrm.web.lists.ListKind;
import org.opencrm.web.lists.ListPage;
import jakarta.servlet.http.HttpServletRequest;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.UserSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.opencrm.web.picker.Picked;
import org.opencrm.web.picker.PickerKind;
import org.opencrm.web.picker.Pickers;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.Owners;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.web.system.PageSize;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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

	private final Pickers pickers;

	private final MessageSource messages;

	ContactController(ContactService contacts, ContactList contactList, ContactLookup contactLookup,
			AccountService accounts, UserDirectory users, CustomerDashboard dashboard, Owners owners,
			AccountAccess access, ListPage listPage, Pickers pickers, MessageSource messages) {
		this.pickers = pickers;
		this.messages = messages;
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
		var page = contactList.list(filter, visibility, cursor, PageSize.LIST);
		model.addAttribute("page", page);
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("lines", page.items().stream().map(c -> ContactLine.of(c, messages, locale)).toList());
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
		if (accountId != null) {
			// Prefilled from an account's page: only one the user may see ("not found"
			// else).
			accounts.details(accountId, Visibility.of(user));
		}
		ContactForm form = ContactForm.empty(accountId, Owners.defaultOwner(user));
		// Filled in from a look-up that found no one (the call-centre flow).
		form.setEmail(email);
		form.setPhone(phone);
		model.addAttribute("form", form);
		return form(model, null, List.of(), user);
	}

	@PostMapping
	@OnRuleViolation(form = "form", field = "ownerId")
	String create(@Valid @ModelAttribute("form") ContactForm form, BindingResult result,
			@RequestParam(required = false) String accountIdText, @AuthenticationPrincipal CrmUser user, Model model,
			RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		Long accountId = resolveAccount(form, accountIdText, result, user, model);
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
	@AccessInFirstRead
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
			@RequestParam(required = false) String accountIdText, @AuthenticationPrincipal CrmUser user, Model model,
			RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		Long accountId = resolveAccount(form, accountIdText, result, user, model);
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

	/**
	 * The account chosen with the picker, or typed by name: one the user may see, or
	 * none; a name several accounts bear comes back with them to choose from.
	 */
	private Long resolveAccount(ContactForm form, String typed, BindingResult result, CrmUser user, Model model) {
		Picked account = pickers.resolve(PickerKind.ACCOUNT, form.getAccountId(), typed, user, result, "accountId");
		form.setAccountId(account.isChosen() ? account.id() : null);
		model.addAttribute("accountPicked", account);
		return form.getAccountId();
	}

	private String form(Model model, Long id, List<ContactMatch> duplicates, CrmUser user) {
		model.addAttribute("contactId", id);
		model.addAttribute("duplicates", duplicates);
		if (!model.containsAttribute("accountPicked")) {
			ContactForm form = (ContactForm) model.getAttribute("form");
			model.addAttribute("accountPicked", pickers.shown(PickerKind.ACCOUNT, form.getAccountId(), user));
		}
		model.addAttribute("users", owners.choices(user, ((ContactForm) model.getAttribute("form")).getOwnerId()));
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("languages", UserSettings.LANGUAGES);
		return "contact/form";
	}

}
