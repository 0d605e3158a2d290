package org.opencrm.web.lists;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.opencrm.core.account.AccountDetails;
import org.opencrm.core.account.AccountFilter;
import org.opencrm.core.account.AccountRow;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactFilter;
import org.opencrm.core.contact.ContactRow;
import org.opencrm.core.contact.ContactList;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.report.CsvWriter;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * CSV export of the accounts and contacts lists: every row the list's filters match (not
 * only the page shown), walked page by page along the list's own keyset with the user's
 * visibility, so memory stays bounded and a rep exports only what they may see; or the
 * ticked rows. Written with {@link CsvWriter}, which keeps formula-looking cells text
 * (CSV injection).
 */
@Component
public class CustomerExports {

	/** Rows read per keyset step. */
	static final int CHUNK = 500;

	private final AccountService accounts;

	private final ContactList contacts;

	private final ContactLookup lookup;

	private final MessageSource messages;

	private final Clock clock;

	CustomerExports(AccountService accounts, ContactList contacts, ContactLookup lookup, MessageSource messages,
			Clock clock) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.lookup = lookup;
		this.messages = messages;
		this.clock = clock;
	}

	public ResponseEntity<StreamingResponseBody> accounts(AccountFilter filter, Visibility visibility, Locale locale) {
		return csv("accounts", accountHeader(locale),
				csv -> walk(cursor -> accounts.list(filter, visibility, cursor, CHUNK),
						row -> csv.row(accountCells(row, locale))));
	}

	public ResponseEntity<StreamingResponseBody> accounts(BulkSelection rows, Visibility visibility, Locale locale) {
		return csv("accounts", accountHeader(locale), csv -> {
			for (long id : rows.versions().keySet()) {
				try {
					AccountDetails a = accounts.details(id, visibility);
					csv.row(accountCells(new AccountRow(a.id(), a.name(), a.industry(), a.city(), a.country(),
							a.lifecycleStage(), a.ownerName(), a.contactCount(), a.version(), null), locale));
				}
				catch (NotFoundException ex) {
					// Not theirs to see: not exported, as the list wouldn't show it.
				}
			}
		});
	}

	public ResponseEntity<StreamingResponseBody> contacts(ContactFilter filter, Visibility visibility, Locale locale) {
		return csv("contacts", contactHeader(locale),
				csv -> walk(cursor -> contacts.list(filter, visibility, cursor, CHUNK),
						row -> csv.row(contactCells(row, locale))));
	}

	public ResponseEntity<StreamingResponseBody> contacts(BulkSelection rows, Visibility visibility, Locale locale) {
		return csv("contacts", contactHeader(locale), csv -> {
			for (long id : rows.versions().keySet()) {
				try {
					ContactDetails c = lookup.details(id, visibility);
					csv.row(contactCells(new ContactRow(c.id(), c.firstName(), c.lastName(), c.email(), c.phone(),
							c.accountId(), c.accountName(), c.lifecycleStage(), c.ownerName(), c.version(), null),
							locale));
				}
				catch (NotFoundException ex) {
					// Not theirs to see: not exported.
				}
			}
		});
	}

	private List<Cell> accountHeader(Locale locale) {
		return header(locale, "list.csv.id", "account.name", "account.industry", "account.city", "account.country",
				"common.stage", "common.owner", "account.contacts");
	}

	private List<Cell> accountCells(AccountRow a, Locale locale) {
		return List.of(Cell.number(Long.toString(a.id())), Cell.text(a.name()), Cell.text(a.industry()),
				Cell.text(a.city()), Cell.text(a.country()), Cell.text(stage(a.lifecycleStage(), locale)),
				Cell.text(a.ownerName()), Cell.number(Long.toString(a.contactCount())));
	}

	private List<Cell> contactHeader(Locale locale) {
		return header(locale, "list.csv.id", "contact.firstName", "contact.lastName", "contact.email", "contact.phone",
				"contact.account", "common.stage", "common.owner");
	}

	private List<Cell> contactCells(ContactRow c, Locale locale) {
		return List.of(Cell.number(Long.toString(c.id())), Cell.text(c.firstName()), Cell.text(c.lastName()),
				Cell.text(c.email()), Cell.text(c.phone()), Cell.text(c.accountName()),
				Cell.text(stage(c.lifecycleStage(), locale)), Cell.text(c.ownerName()));
	}

	private String stage(Enum<?> stage, Locale locale) {
		return stage == null ? null : messages.getMessage("stage." + stage.name(), null, stage.name(), locale);
	}

	private List<Cell> header(Locale locale, String... keys) {
		return java.util.Arrays.stream(keys).map(k -> Cell.text(messages.getMessage(k, null, k, locale))).toList();
	}

	/** Every page of a keyset list, one after the other. */
	private static <T> void walk(Function<String, KeysetPage<T>> page, RowWriter<T> out) throws IOException {
		String cursor = null;
		do {
			KeysetPage<T> p = page.apply(cursor);
			for (T row : p.items()) {
				out.write(row);
			}
			cursor = p.nextCursor();
		}
		while (cursor != null);
	}

	interface RowWriter<T> {

		void write(T row) throws IOException;

	}

	interface Body {

		void write(CsvWriter csv) throws IOException;

	}

	private ResponseEntity<StreamingResponseBody> csv(String name, List<Cell> header, Body rows) {
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
			CsvWriter csv = new CsvWriter(writer);
			csv.row(header);
			rows.write(csv);
			writer.flush();
		};
		String filename = name + "-" + LocalDate.now(clock) + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

}
