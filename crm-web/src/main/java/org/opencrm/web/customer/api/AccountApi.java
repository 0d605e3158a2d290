package org.opencrm.web.customer.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.account.AccountFilter;
import org.opencrm.core.account.AccountRow;
import org.opencrm.core.account.AccountService;
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
 * Accounts over JSON: list (text filter, keyset pages), get (with its ETag), create,
 * update (PUT replaces every field; If-Match or the body's version) and delete. Through
 * {@link AccountService}, so a user reaches only the accounts they may see (others are
 * 404) and may give an account only to whom they may.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountApi {

	private final AccountService accounts;

	AccountApi(AccountService accounts) {
		this.accounts = accounts;
	}

	/** The same field rules as the account form. */
	record AccountRequest(@NotBlank @Size(max = 200) String name,
			@Size(max = 200) @Pattern(regexp = "^$|^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$") String domain,
			@Size(max = 100) String industry, @Size(max = 50) @Pattern(regexp = "^[+0-9 ()./-]*$") String phone,
			@ValidEmail String email, @Size(max = 300) String website, @Size(max = 200) String street,
			@Size(max = 100) String city, @Size(max = 20) String postalCode, @ValidCountry String country,
			LifecycleStage lifecycleStage, Long ownerId, @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
			Long version) {

		AccountCommand toCommand(Long defaultOwner, long version) {
			return new AccountCommand(name.strip(), Json.trimmed(domain), Json.trimmed(industry), Json.trimmed(phone),
					Json.trimmed(email), Json.trimmed(website), Json.trimmed(street), Json.trimmed(city),
					Json.trimmed(postalCode), Json.trimmed(country),
					lifecycleStage == null ? LifecycleStage.LEAD : lifecycleStage,
					ownerId == null ? defaultOwner : ownerId, Json.tags(tags), version);
		}
	}

	record AccountJson(long id, String name, String domain, String industry, String phone, String email, String website,
			String street, String city, String postalCode, String country, LifecycleStage lifecycleStage, Long ownerId,
			String ownerName, List<String> tags, long contactCount, long version, Instant createdAt, Instant updatedAt,
			String externalId) {

		static AccountJson of(AccountDetails a) {
			return new AccountJson(a.id(), a.name(), a.domain(), a.industry(), a.phone(), a.email(), a.website(),
					a.street(), a.city(), a.postalCode(), a.country(), a.lifecycleStage(), a.ownerId(), a.ownerName(),
					a.tags(), a.contactCount(), a.version(), a.createdAt(), a.updatedAt(), a.externalId());
		}
	}

	record AccountItem(long id, String name, String industry, String city, String country,
			LifecycleStage lifecycleStage, String ownerName, long contactCount) {

		static AccountItem of(AccountRow r) {
			return new AccountItem(r.id(), r.name(), r.industry(), r.city(), r.country(), r.lifecycleStage(),
					r.ownerName(), r.contactCount());
		}
	}

	@GetMapping
	ApiPage<AccountItem> list(@RequestParam(required = false) String q, @RequestParam(required = false) Long owner,
			@RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) String tag,
			@RequestParam(required = false) AccountFilter.Sort sort, @RequestParam(required = false) String cursor,
			@AuthenticationPrincipal CrmUser user) {
		var page = accounts.list(new AccountFilter(q, owner, stage, tag, sort), Visibility.of(user), cursor,
				PageSize.LIST);
		return new ApiPage<>(page.items().stream().map(AccountItem::of).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	ResponseEntity<AccountJson> get(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		AccountDetails account = accounts.details(id, Visibility.of(user));
		return Versions.ok(AccountJson.of(account), account.version());
	}

	@PostMapping
	ResponseEntity<AccountJson> create(@Valid @RequestBody AccountRequest request,
			@AuthenticationPrincipal CrmUser user) {
		Visibility visibility = Visibility.of(user);
		long id = accounts.create(request.toCommand(user.id(), 0), visibility);
		AccountDetails account = accounts.details(id, visibility);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + id))
			.eTag(Versions.etag(account.version()))
			.body(AccountJson.of(account));
	}

	@PutMapping("/{id}")
	ResponseEntity<AccountJson> update(@PathVariable long id, @Valid @RequestBody AccountRequest request,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal CrmUser user) {
		Visibility visibility = Visibility.of(user);
		accounts.update(id, request.toCommand(null, Versions.expected(ifMatch, request.version())), visibility);
		AccountDetails account = accounts.details(id, visibility);
		return Versions.ok(AccountJson.of(account), account.version());
	}

	/**
	 * Deletes an account without contacts (422 otherwise); the version comes as
	 * {@code If-Match} or {@code ?version=}.
	 */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Long version,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal CrmUser user) {
		accounts.delete(id, Versions.expected(ifMatch, version), Visibility.of(user));
		return ResponseEntity.noContent().build();
	}

}
