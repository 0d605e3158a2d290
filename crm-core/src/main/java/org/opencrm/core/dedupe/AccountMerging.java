package org.opencrm.core.dedupe;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Companies: the fields a merge picks and the writes, through {@link AccountService}. */
@Component
class AccountMerging implements MergeTarget<AccountDetails> {

	static final List<String> FIELDS = List.of("name", "domain", "industry", "phone", "email", "website", "address",
			"lifecycleStage", "ownerId");

	private final AccountService accounts;

	private final JdbcClient jdbc;

	AccountMerging(AccountService accounts, JdbcClient jdbc) {
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	public RecordType type() {
		return RecordType.ACCOUNT;
	}

	@Override
	public List<String> fields() {
		return FIELDS;
	}

	@Override
	public AccountDetails load(long id, Visibility visibility) {
		return accounts.details(id, visibility);
	}

	@Override
	public long version(AccountDetails a) {
		return a.version();
	}

	@Override
	public String title(AccountDetails a) {
		return a.name();
	}

	@Override
	public Map<String, String> values(AccountDetails a) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("name", a.name());
		v.put("domain", a.domain());
		v.put("industry", a.industry());
		v.put("phone", a.phone());
		v.put("email", a.email());
		v.put("website", a.website());
		v.put("address", MergeValues.address(a.street(), a.postalCode(), a.city(), a.country()));
		v.put("lifecycleStage", a.lifecycleStage().name());
		v.put("ownerId", a.ownerName());
		return v;
	}

	@Override
	public String stored(AccountDetails a, String field) {
		return "ownerId".equals(field) ? (a.ownerId() == null ? null : a.ownerId().toString()) : values(a).get(field);
	}

	@Override
	public void lock(List<Long> ids) {
		jdbc.sql("select id from accounts where id = any(?) order by id for update")
			.param(ids.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	@Override
	public void update(AccountDetails s, Map<String, AccountDetails> chosen, List<AccountDetails> all,
			Visibility visibility) {
		Set<String> tags = new LinkedHashSet<>();
		all.forEach(a -> tags.addAll(a.tags()));
		AccountDetails address = chosen.get("address");
		AccountCommand cmd = new AccountCommand(chosen.get("name").name(), chosen.get("domain").domain(),
				chosen.get("industry").industry(), chosen.get("phone").phone(), chosen.get("email").email(),
				chosen.get("website").website(), address.street(), address.city(), address.postalCode(),
				address.country(), chosen.get("lifecycleStage").lifecycleStage(), chosen.get("ownerId").ownerId(),
				List.copyOf(tags), s.version());
		accounts.update(s.id(), cmd, visibility);
	}

	@Override
	public void delete(AccountDetails merged, Visibility visibility) {
		accounts.delete(merged.id(), merged.version(), visibility);
	}

	@Override
	public Long accountOf(AccountDetails a) {
		return a.id();
	}

	@Override
	public Long contactOf(AccountDetails a) {
		return null;
	}

}
