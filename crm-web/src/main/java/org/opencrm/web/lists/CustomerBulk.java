package org.opencrm.web.lists;

import java.util.List;
import java.util.Objects;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.springframework.stereotype.Component;

/**
 * Bulk actions on accounts and contacts, row by row through {@link AccountService} and
 * {@link ContactService} (each row its own transaction: version check, audit trail, stage
 * events, exactly as an edit on the record's page), never one SQL update past the
 * aggregates. A row the user may not see, changed since the list was shown, or refused by
 * a rule is skipped and counted with its reason; the others are done.
 */
@Component
public class CustomerBulk {

	private final AccountService accounts;

	private final ContactService contacts;

	private final ContactLookup lookup;

	private final BulkRuns runs;

	CustomerBulk(AccountService accounts, ContactService contacts, ContactLookup lookup, BulkRuns runs) {
		this.lookup = lookup;
		this.accounts = accounts;
		this.contacts = contacts;
		this.runs = runs;
	}

	/**
	 * The owners this user may give records to: anyone (admins, agents, marketers), their
	 * team (managers), themselves (reps) — as {@code AccountAccess.requireAssignable}
	 * decides; from the staff list the page has loaded anyway.
	 */
	public static List<UserSummary> assignable(List<UserSummary> staff, Visibility visibility) {
		return staff.stream().filter(u -> switch (visibility.scope()) {
			case ALL -> true;
			case TEAM -> u.id() == visibility.userId() || Objects.equals(u.teamId(), visibility.teamId());
			case OWN -> u.id() == visibility.userId();
		}).toList();
	}

	/** Refuses an owner the user may not give records to, before any row is touched. */
	public static void requireAssignable(BulkAction action, List<UserSummary> assignable) {
		if (action.kind() == BulkAction.Kind.ASSIGN && assignable.stream().noneMatch(u -> u.id() == action.ownerId())) {
			throw new RuleViolationException("customer.owner.notAllowed",
					"You can only give customers to yourself or your team.");
		}
	}

	public BulkOutcome accounts(BulkAction action, BulkSelection rows, Visibility visibility) {
		return runs.run(rows, (id, version) -> {
			if (action.kind() == BulkAction.Kind.DELETE) {
				accounts.delete(id, version, visibility);
				return true;
			}
			AccountDetails a = accounts.details(id, visibility);
			BulkRuns.requireVersion("Account", id, version, a.version());
			Long owner = a.ownerId();
			var stage = a.lifecycleStage();
			List<String> tags = a.tags();
			switch (action.kind()) {
				case ASSIGN -> owner = action.ownerId();
				case STAGE -> stage = LifecycleStage.valueOf(action.stage());
				default -> {
					List<String> after = action.tagsAfter(a.tags());
					tags = after == null ? tags : after;
				}
			}
			if (Objects.equals(owner, a.ownerId()) && stage == a.lifecycleStage() && tags.equals(a.tags())) {
				return false;
			}
			accounts.update(id,
					new AccountCommand(a.name(), a.domain(), a.industry(), a.phone(), a.email(), a.website(),
							a.street(), a.city(), a.postalCode(), a.country(), stage, owner, tags, version),
					visibility);
			return true;
		});
	}

	public BulkOutcome contacts(BulkAction action, BulkSelection rows, Visibility visibility) {
		return runs.run(rows, (id, version) -> {
			if (action.kind() == BulkAction.Kind.DELETE) {
				contacts.delete(id, version, visibility);
				return true;
			}
			ContactDetails c = lookup.details(id, visibility);
			BulkRuns.requireVersion("Contact", id, version, c.version());
			Long owner = c.ownerId();
			var stage = c.lifecycleStage();
			List<String> tags = c.tags();
			switch (action.kind()) {
				case ASSIGN -> owner = action.ownerId();
				case STAGE -> stage = LifecycleStage.valueOf(action.stage());
				default -> {
					List<String> after = action.tagsAfter(c.tags());
					tags = after == null ? tags : after;
				}
			}
			if (Objects.equals(owner, c.ownerId()) && stage == c.lifecycleStage() && tags.equals(c.tags())) {
				return false;
			}
			contacts.update(id,
					new ContactCommand(c.firstName(), c.lastName(), c.title(), c.email(), c.phone(), c.mobile(),
							c.street(), c.city(), c.postalCode(), c.country(), c.accountId(), stage, owner, tags,
							c.consentEmail(), c.consentPhone(), version),
					visibility);
			return true;
		});
	}

}
