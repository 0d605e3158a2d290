package org.opencrm.web.sales.purchase;

import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.purchase.PurchaseHistoryQuery.Customer;
import org.opencrm.sales.purchase.PurchaseHistoryQuery;
import org.opencrm.web.system.PageSize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a customer bought: the full, paged history behind the dashboard's "All purchases"
 * link.
 */
@Controller
@RequestMapping("/sales")
class PurchaseController {

	private final PurchaseHistoryQuery purchases;

	private final AccountService accounts;

	private final ContactLookup contacts;

	PurchaseController(PurchaseHistoryQuery purchases, AccountService accounts, ContactLookup contacts) {
		this.purchases = purchases;
		this.accounts = accounts;
		this.contacts = contacts;
	}

	@GetMapping("/accounts/{id}/purchases")
	String accountPurchases(@PathVariable long id, @RequestParam(required = false) String cursor,
			@AuthenticationPrincipal CrmUser user, Model model) {
		// Checks access too: a customer the user can't see is "not found".
		model.addAttribute("customerName", accounts.details(id, Visibility.of(user)).name());
		model.addAttribute("customerHref", "/accounts/" + id);
		model.addAttribute("page", purchases.page(Customer.account(id), cursor, PageSize.LIST));
		return "sales/purchases";
	}

	@GetMapping("/contacts/{id}/purchases")
	String contactPurchases(@PathVariable long id, @RequestParam(required = false) String cursor,
			@AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("customerName", contacts.details(id, Visibility.of(user)).fullName());
		model.addAttribute("customerHref", "/contacts/" + id);
		model.addAttribute("page", purchases.page(Customer.contact(id), cursor, PageSize.LIST));
		return "sales/purchases";
	}

}
