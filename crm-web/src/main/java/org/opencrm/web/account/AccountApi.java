package org.opencrm.web.account;

import org.opencrm.core.account.AccountService;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.user.CrmUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Companies over JSON: deleting one (204; 422 listing what still holds it (its contacts
 * first), 409 a stale version).
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountApi {

	private final AccountService accounts;

	AccountApi(AccountService accounts) {
		this.accounts = accounts;
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam long version,
			@AuthenticationPrincipal CrmUser user) {
		accounts.delete(id, version, Visibility.of(user));
		return ResponseEntity.noContent().build();
	}

}
