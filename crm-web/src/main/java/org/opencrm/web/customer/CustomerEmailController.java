package org.opencrm.web.customer;

import jakarta.validation.Valid;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard's "send e-mail" quick action: a small compose form, sent over the app's
 * SMTP server and recorded on the customer's timeline. Bad input comes back as form
 * messages and sends nothing. A customer the user may not see is "not found" (checked by
 * the services).
 */
@Controller
class CustomerEmailController {

	private final CustomerEmails emails;

	private final AccountService accounts;

	private final ContactLookup contacts;

	CustomerEmailController(CustomerEmails emails, AccountService accounts, ContactLookup contacts) {
		this.emails = emails;
		this.accounts = accounts;
		this.contacts = contacts;
	}

	@GetMapping("/contacts/{id}/email")
	String contactForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		var contact = contacts.details(id, Visibility.of(user));
		model.addAttribute("form", EmailForm.to(contact.email()));
		return form(model, "/contacts/" + id, contact.fullName());
	}

	@GetMapping("/accounts/{id}/email")
	String accountForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		var account = accounts.details(id, Visibility.of(user));
		model.addAttribute("form", EmailForm.to(account.email()));
		return form(model, "/accounts/" + id, account.name());
	}

	@PostMapping("/contacts/{id}/email")
	@OnRuleViolation(form = "form")
	String sendToContact(@PathVariable long id, @Valid @ModelAttribute("form") EmailForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		var contact = contacts.details(id, visibility);
		return send(form, result, model, redirect, contact.accountId(), id, "/contacts/" + id, contact.fullName(),
				user);
	}

	@PostMapping("/accounts/{id}/email")
	@OnRuleViolation(form = "form")
	String sendToAccount(@PathVariable long id, @Valid @ModelAttribute("form") EmailForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		Visibility visibility = Visibility.of(user);
		return send(form, result, model, redirect, id, null, "/accounts/" + id, accounts.details(id, visibility).name(),
				user);
	}

	private String send(EmailForm form, BindingResult result, Model model, RedirectAttributes redirect, Long accountId,
			Long contactId, String back, String name, CrmUser user) {
		if (!result.hasErrors()) {
			emails.send(accountId, contactId, form.getTo(), form.getSubject(), form.getBody(), user);
			redirect.addFlashAttribute("flash", "customer.email.sent");
			return "redirect:" + back + "#timeline";
		}
		return form(model, back, name);
	}

	private String form(Model model, String back, String name) {
		model.addAttribute("back", back);
		model.addAttribute("name", name);
		return "customer/email";
	}

}
