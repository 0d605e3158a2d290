package org.opencrm.web.privacy;

import java.util.Map;
import org.opencrm.core.privacy.PrivacyService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.privacy.PersonalDataSubjects.Kind;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy tools over JSON: {@code GET …/personal-data} is the export document (admins
 * and managers, for people they may see; others are 404), {@code POST …/erasure} with
 * {@code {"confirmName": "<the person's name>"}} erases the person (admins; 204, a wrong
 * name is 422).
 */
@RestController
class PersonalDataApi {

	/** The person's name, typed again: an erasure cannot be undone. */
	record ErasureRequest(String confirmName) {
	}

	private final PersonalDataSubjects subjects;

	private final PrivacyService privacy;

	PersonalDataApi(PersonalDataSubjects subjects, PrivacyService privacy) {
		this.subjects = subjects;
		this.privacy = privacy;
	}

	@GetMapping("/api/v1/contacts/{id}/personal-data")
	ResponseEntity<Map<String, Object>> exportContact(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		return PrivacyController.download(privacy.export(subjects.find(Kind.CONTACTS, id, Visibility.of(user))),
				"contacts-" + id);
	}

	@GetMapping("/api/v1/leads/{id}/personal-data")
	ResponseEntity<Map<String, Object>> exportLead(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		return PrivacyController.download(privacy.export(subjects.find(Kind.LEADS, id, Visibility.of(user))),
				"leads-" + id);
	}

	@PostMapping("/api/v1/contacts/{id}/erasure")
	ResponseEntity<Void> eraseContact(@PathVariable long id, @RequestBody(required = false) ErasureRequest request,
			@AuthenticationPrincipal CrmUser user) {
		privacy.erase(subjects.find(Kind.CONTACTS, id, Visibility.of(user)),
				request == null ? null : request.confirmName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/leads/{id}/erasure")
	ResponseEntity<Void> eraseLead(@PathVariable long id, @RequestBody(required = false) ErasureRequest request,
			@AuthenticationPrincipal CrmUser user) {
		privacy.erase(subjects.find(Kind.LEADS, id, Visibility.of(user)),
				request == null ? null : request.confirmName());
		return ResponseEntity.noContent().build();
	}

}
