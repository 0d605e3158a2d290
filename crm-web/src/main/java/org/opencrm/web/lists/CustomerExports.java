package org.opencrm.web.lists;

import java.util.List;
import java.util.Locale;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.account.AccountFilter;
import org.opencrm.core.account.AccountRow;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactRow;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * CSV export of the accounts and contacts lists: every row the list's filters match (not
 * only the page shown), walked page by page along the list's own keyset with the user's
 * visibility, so a rep exports only what they may see; or the ticked rows
 * ({@link CsvDownloads}).
 */
@Component
public class CustomerExports {

	private final AccountService accounts;

	private final ContactList contacts;

	private final ContactLookup lookup;

	private final MessageSource messages;

	private final CsvDownloads downloads;

	CustomerExports(AccountService accounts, ContactList contacts, ContactLookup lookup, MessageSource messages,
			CsvDownloads downloads) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.lookup = lookup;
		this.messages = messages;
		this.downloads = downloads;
	}

	public ResponseEntity<StreamingResponseBody> accounts(AccountFilter filter, Visibility visibility, Locale locale) {
		return downloads.csv("accounts", accountHeader(locale),
				csv -> CsvDownloads.walk(cursor -> accounts.list(filter, visibility, cursor, CsvDownloads.CHUNK),
						row -> csv.row(accountCells(row, locale))));
	}

	public ResponseEntity<StreamingResponseBody> accounts(BulkSelection rows, Visibility visibility, Locale locale) {
		return downloads.csv("accounts", accountHeader(locale), csv -> {
			for (long id : rows.versions().keySet()) {
				try {
					AccountDetails a = accounts.details(id, visibility);
					csv.row(accountCells(new AccountRow(a.id(), a.name(), a.industry(), a.city(), a.country(),
							a.lifecycleStage(), a.ownerName(), a.contactCount(), a.version(), null, a.externalId()),
							locale));
				}
				catch (NotFoundException ex) {
					// Not theirs to see: not exported, as the list wouldn't show it.
				}
			}
		});
	}

	public ResponseEntity<StreamingResponseBody> contacts(ContactFilter filter, Visibility visibility, Locale locale) {
		return downloads.csv("contacts", contactHeader(locale),
				csv -> CsvDownloads.walk(cursor -> contacts.list(filter, visibility, cursor, CsvDownloads.CHUNK),
						row -> csv.row(contactCells(row, locale))));
	}

	public ResponseEntity<StreamingResponseBody> contacts(BulkSelection rows, Visibility visibility, Locale locale) {
		return downloads.csv("contacts", contactHeader(locale), csv -> {
			for (long id : rows.versions().keySet()) {
				try {
					ContactDetails c = lookup.details(id, visibility);
					csv.row(contactCells(new ContactRow(c.id(), c.firstName(), c.lastName(), c.email(), c.phone(),
							c.accountId(), c.accountName(), c.lifecycleStage(), c.ownerName(), c.version(), null,
							c.externalId()), locale));
				}
				catch (NotFoundException ex) {
					// Not theirs to see: not exported.
				}
			}
		});
	}

	private List<Cell> accountHeader(Locale locale) {
		return downloads.header(locale, "list.csv.id", "account.name", "account.industry", "account.city",
				"account.country", "common.stage", "common.owner", "account.contacts", "common.externalId");
	}

	private List<Cell> accountCells(AccountRow a, Locale locale) {
		return List.of(Cell.number(Long.toString(a.id())), Cell.text(a.name()), Cell.text(a.industry()),
				Cell.text(a.city()), Cell.text(a.country()), Cell.text(stage(a.lifecycleStage(), locale)),
				Cell.text(a.ownerName()), Cell.number(Long.toString(a.contactCount())), Cell.text(a.externalId()));
	}

	private List<Cell> contactHeader(Locale locale) {
		return downloads.header(locale, "list.csv.id", "contact.firstName", "contact.lastName", "contact.email",
				"contact.phone", "contact.account", "common.stage", "common.owner", "common.externalId");
	}

	private List<Cell> contactCells(ContactRow c, Locale locale) {
		return List.of(Cell.number(Long.toString(c.id())), Cell.text(c.firstName()), Cell.text(c.lastName()),
				Cell.text(c.email()), Cell.text(c.phone()), Cell.text(c.accountName()),
				Cell.text(stage(c.lifecycleStage(), locale)), Cell.text(c.ownerName()), Cell.text(c.externalId()));
	}

	private String stage(Enum<?> stage, Locale locale) {
		return stage == null ? null : messages.getMessage("stage." + stage.name(), null, stage.name(), locale);
	}

}
