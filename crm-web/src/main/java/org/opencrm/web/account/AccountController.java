package org.opencrm.web.account;

import jakarta.validation.Valid;
import java.util.List;
import org.opencrm.core.account.AccountFilter;
import org.opencrm.core.account.AccountHasContactsException;
import org.opencrm.core.account.AccountMatch;
import org.opencrm.core.account.AccountService;
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
@RequestMapping("/accounts")
class AccountController {

	private final AccountService accounts;

	private final UserDirectory users;

	private final CustomerDashboard dashboard;

	private final Owners owners;

	private final AccountAccess access;

	private final ListPage listPage;

	AccountController(AccountService accounts, UserDirectory users, CustomerDashboard dashboard, Owners owners,
			AccountAccess access, ListPage listPage) {
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
			@RequestParam(required = false) AccountFilter.Sort sort, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) List<String> cols, @RequestParam(required = false) Long view,
			@AuthenticationPrincipal CrmUser user, HttpServletRequest request, Model model) {
		AccountFilter filter = new AccountFilter(q, owner, stage, tag, sort);
		model.addAttribute("filter", filter);
		model.addAttribute("page", accounts.list(filter, Visibility.of(user), cursor, PageSize.LIST));
		List<UserSummary> staff = users.assignableUsers();
		model.addAttribute("users", staff);
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("sorts", AccountFilter.Sort.values());
		listPage.addTo(model, ListKind.ACCOUNTS, user, request, cols, view, staff);
		return "account/list";
	}

	@GetMapping("/new")
	String newForm(@AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("form", AccountForm.empty(Owners.defaultOwner(user)));
		return form(model, null, List.of(), user);
	}

	@PostMapping
	@OnRuleViolation(form = "form", field = "ownerId")
	String create(@Valid @ModelAttribute("form") AccountForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null, List.of(), user);
		}
		Visibility visibility = Visibility.of(user);
		if (!form.isConfirmDuplicate()) {
			List<AccountMatch> matches = accounts.findDuplicates(form.getName(), form.getDomain(), null, visibility);
			if (!matches.isEmpty()) {
				return form(model, null, matches, user);
			}
		}
		long id = accounts.create(form.toCommand(), visibility);
		return owners.landing(user, form.getOwnerId(), access.canSeeAccount(id, visibility), "/accounts/" + id,
				"/accounts", "flash.account.created", redirect);
	}

	/**
	 * The account's dashboard (360° view); a user without rights to it gets the 404 page.
	 */
	@AccessInFirstRead
	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user, Model model) {
		dashboard.addAccount(model, id, user, kind, cursor);
		return "account/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("form", AccountForm.of(accounts.details(id, Visibility.of(user))));
		return form(model, id, List.of(), user);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form", field = "ownerId")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") AccountForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		if (result.hasErrors()) {
			return form(model, id, List.of(), user);
		}
		if (!form.isConfirmDuplicate()) {
			List<AccountMatch> matches = accounts.findDuplicates(form.getName(), form.getDomain(), id, visibility);
			if (!matches.isEmpty()) {
				return form(model, id, matches, user);
			}
		}
		accounts.update(id, form.toCommand(), visibility);
		return owners.landing(user, form.getOwnerId(), access.canSeeAccount(id, visibility), "/accounts/" + id,
				"/accounts", "flash.saved", redirect);
	}

	// What still holds the record is flashed on its page (RecordInUseException).
	@OnRuleViolation(redirect = "/accounts/{id}")
	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam long version, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		try {
			accounts.delete(id, version, Visibility.of(user));
		}
		catch (AccountHasContactsException ex) {
			redirect.addFlashAttribute("flashError", "flash.account.hasContacts");
			return "redirect:/accounts/" + id;
		}
		redirect.addFlashAttribute("flash", "flash.deleted");
		return "redirect:/accounts";
	}

	private String form(Model model, Long id, List<AccountMatch> duplicates, CrmUser user) {
		model.addAttribute("accountId", id);
		model.addAttribute("duplicates", duplicates);
		model.addAttribute("users", owners.choices(user, ((AccountForm) model.getAttribute("form")).getOwnerId()));
		model.addAttribute("stages", LifecycleStage.values());
		return "account/form";
	}

}
