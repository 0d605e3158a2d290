package org.opencrm.web.contact;

import jakarta.validation.Valid;
import java.util.List;
import org.opencrm.core.account.AccountRef;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactMatch;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.user.UserService;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.task.TaskSection;
import org.opencrm.web.timeline.TimelineSection;
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

	private final AccountService accounts;

	private final TaskSection tasks;

	private final AuditTrail audit;

	private final UserService users;

	private final TimelineSection timeline;

	ContactController(ContactService contacts, AccountService accounts, TaskSection tasks, AuditTrail audit,
			UserService users, TimelineSection timeline) {
		this.contacts = contacts;
		this.accounts = accounts;
		this.tasks = tasks;
		this.audit = audit;
		this.users = users;
		this.timeline = timeline;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long owner,
			@RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) String tag,
			@RequestParam(required = false) ContactFilter.Sort sort, @RequestParam(required = false) Long account,
			@RequestParam(required = false) String cursor, Model model) {
		ContactFilter filter = new ContactFilter(q, owner, stage, tag, account, sort);
		if (account != null) {
			model.addAttribute("account", accounts.details(account));
		}
		model.addAttribute("filter", filter);
		model.addAttribute("page", contacts.list(filter, cursor, PageSize.LIST));
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("sorts", ContactFilter.Sort.values());
		return "contact/list";
	}

	@GetMapping("/new")
	String newForm(@RequestParam(required = false) Long accountId, Model model) {
		String accountName = accountId == null ? "" : accounts.details(accountId).name();
		model.addAttribute("form", ContactForm.empty(accountName, Actor.currentIdOrNull()));
		return form(model, null, List.of());
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") ContactForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Long accountId = resolveAccount(form, result);
		if (result.hasErrors()) {
			return form(model, null, List.of());
		}
		if (!form.isConfirmDuplicate()) {
			List<ContactMatch> matches = contacts.findDuplicates(form.getEmail(), form.getFirstName(), form.getLastName(),
					accountId, null);
			if (!matches.isEmpty()) {
				return form(model, null, matches);
			}
		}
		long id = contacts.create(form.toCommand(accountId));
		redirect.addFlashAttribute("flash", "flash.contact.created");
		return "redirect:/contacts/" + id;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("contact", contacts.details(id));
		tasks.addTo(model, null, id, "/contacts/" + id);
		model.addAttribute("history", audit.history("contact", id, PageSize.SECTION));
		model.addAttribute("users", users.assignableUsers());
		timeline.addTo(model, "/contacts/" + id, TimelineSection.forContact(id), kind, cursor);
		return "contact/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("form", ContactForm.of(contacts.details(id)));
		return form(model, id, List.of());
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ContactForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Long accountId = resolveAccount(form, result);
		if (result.hasErrors()) {
			return form(model, id, List.of());
		}
		if (!form.isConfirmDuplicate()) {
			List<ContactMatch> matches = contacts.findDuplicates(form.getEmail(), form.getFirstName(), form.getLastName(),
					accountId, id);
			if (!matches.isEmpty()) {
				return form(model, id, matches);
			}
		}
		contacts.update(id, form.toCommand(accountId));
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
		contacts.delete(id, version);
		redirect.addFlashAttribute("flash", "flash.deleted");
		return "redirect:/contacts";
	}

	/** The typed account name must name exactly one account. */
	private Long resolveAccount(ContactForm form, BindingResult result) {
		if (!form.hasAccountName() || result.hasFieldErrors("accountName")) {
			return null;
		}
		List<AccountRef> found = accounts.findByName(form.getAccountName());
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

	private String form(Model model, Long id, List<ContactMatch> duplicates) {
		model.addAttribute("contactId", id);
		model.addAttribute("duplicates", duplicates);
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("stages", LifecycleStage.values());
		return "contact/form";
	}
}
