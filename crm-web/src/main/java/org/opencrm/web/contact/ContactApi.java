package org.opencrm.web.contact;

import org.opencrm.core.contact.ContactService;
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
 * People over JSON: deleting one (204; 422 listing what still holds the person, 409 for a
 * stale version).
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactApi {

	private final ContactService contacts;

	ContactApi(ContactService contacts) {
		this.contacts = contacts;
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam long version,
			@AuthenticationPrincipal CrmUser user) {
		contacts.delete(id, version, Visibility.of(user));
		return ResponseEntity.noContent().build();
	}

}
