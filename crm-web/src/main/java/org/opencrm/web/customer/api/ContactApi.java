package org.opencrm.web.customer.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.contact.ConsentNote;
import org.opencrm.core.contact.ConsentSource;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactRow;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.ValidCountry;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.api.Versions;
import org.opencrm.web.system.PageSize;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts over JSON: list (text filter, account, keyset pages), get (with its ETag),
 * create, update (PUT replaces every field, consent included, but for
 * {@code preferredLocale}, the language of the contact's mails: left out or null keeps
 * it, {@code ""} removes it; If-Match or the body's version) and delete. Through
 * {@link ContactService}, so a user reaches only the contacts they may see (others are
 * 404).
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactApi {

	/** Consent set through the API is logged as such (the client shows its own words). */
	private static final ConsentNote API_CONSENT = ConsentNote.of(ConsentSource.API);

	private final ContactService contacts;

	private final ContactList contactList;

	private final ContactLookup contactLookup;

	ContactApi(ContactService contacts, ContactList contactList, ContactLookup contactLookup) {
		this.contacts = contacts;
		this.contactList = contactList;
		this.contactLookup = contactLookup;
	}

	/** The same field rules as the contact form; the account by id. */
	record ContactRequest(@NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
			@Size(max = 150) String title, @ValidEmail String email,
			@Size(max = 50) @Pattern(regexp = "^[+0-9 ()./-]*$") String phone,
			@Size(max = 50) @Pattern(regexp = "^[+0-9 ()./-]*$") String mobile, @Size(max = 200) String street,
			@Size(max = 100) String city, @Size(max = 20) String postalCode, @ValidCountry String country,
			Long accountId, LifecycleStage lifecycleStage, Long ownerId,
			@Size(max = 20) List<@NotBlank @Size(max = 50) String> tags, Boolean consentEmail, Boolean consentPhone,
			@Size(max = 35) String preferredLocale, Long version) {

		ContactCommand toCommand(Long defaultOwner, long version) {
			return new ContactCommand(firstName.strip(), lastName.strip(), Json.trimmed(title), Json.trimmed(email),
					Json.trimmed(phone), Json.trimmed(mobile), Json.trimmed(street), Json.trimmed(city),
					Json.trimmed(postalCode), Json.trimmed(country), accountId,
					lifecycleStage == null ? LifecycleStage.LEAD : lifecycleStage,
					ownerId == null ? defaultOwner : ownerId, Json.tags(tags), Boolean.TRUE.equals(consentEmail),
					Boolean.TRUE.equals(consentPhone), version)
				.withPreferredLocale(preferredLocale);
		}
	}

	record ContactJson(long id, String firstName, String lastName, String title, String email, String phone,
			String mobile, String street, String city, String postalCode, String country, Long accountId,
			String accountName, LifecycleStage lifecycleStage, Long ownerId, String ownerName, List<String> tags,
			boolean consentEmail, boolean consentPhone, Instant consentUpdatedAt, Instant lastActivityAt, long version,
			Instant createdAt, Instant updatedAt, String externalId, String preferredLocale) {

		static ContactJson of(ContactDetails c) {
			return new ContactJson(c.id(), c.firstName(), c.lastName(), c.title(), c.email(), c.phone(), c.mobile(),
					c.street(), c.city(), c.postalCode(), c.country(), c.accountId(), c.accountName(),
					c.lifecycleStage(), c.ownerId(), c.ownerName(), c.tags(), c.consentEmail(), c.consentPhone(),
					c.consentUpdatedAt(), c.lastActivityAt(), c.version(), c.createdAt(), c.updatedAt(), c.externalId(),
					c.preferredLocale());
		}
	}

	record ContactItem(long id, String firstName, String lastName, String email, String phone, Long accountId,
			String accountName, LifecycleStage lifecycleStage, String ownerName) {

		static ContactItem of(ContactRow r) {
			return new ContactItem(r.id(), r.firstName(), r.lastName(), r.email(), r.phone(), r.accountId(),
					r.accountName(), r.lifecycleStage(), r.ownerName());
		}
	}

	@GetMapping
	ApiPage<ContactItem> list(@RequestParam(required = false) String q, @RequestParam(required = false) Long owner,
			@RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long account, @RequestParam(required = false) ContactFilter.Sort sort,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user) {
		var page = contactList.list(new ContactFilter(q, owner, stage, tag, account, sort), Visibility.of(user), cursor,
				PageSize.LIST);
		return new ApiPage<>(page.items().stream().map(ContactItem::of).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	ResponseEntity<ContactJson> get(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		ContactDetails contact = contactLookup.details(id, Visibility.of(user));
		return Versions.ok(ContactJson.of(contact), contact.version());
	}

	@PostMapping
	ResponseEntity<ContactJson> create(@Valid @RequestBody ContactRequest request,
			@AuthenticationPrincipal CrmUser user) {
		Visibility visibility = Visibility.of(user);
		long id = contacts.create(request.toCommand(user.id(), 0), visibility, API_CONSENT);
		ContactDetails contact = contactLookup.details(id, visibility);
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + id))
			.eTag(Versions.etag(contact.version()))
			.body(ContactJson.of(contact));
	}

	@PutMapping("/{id}")
	ResponseEntity<ContactJson> update(@PathVariable long id, @Valid @RequestBody ContactRequest request,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal CrmUser user) {
		Visibility visibility = Visibility.of(user);
		contacts.update(id, request.toCommand(null, Versions.expected(ifMatch, request.version())), visibility,
				API_CONSENT);
		ContactDetails contact = contactLookup.details(id, visibility);
		return Versions.ok(ContactJson.of(contact), contact.version());
	}

	/** Deletes a contact; the version comes as {@code If-Match} or {@code ?version=}. */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Long version,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal CrmUser user) {
		contacts.delete(id, Versions.expected(ifMatch, version), Visibility.of(user));
		return ResponseEntity.noContent().build();
	}

}
