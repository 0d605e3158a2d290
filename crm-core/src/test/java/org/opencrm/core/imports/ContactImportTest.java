package org.opencrm.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.contact.ContactDetails;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.csv.CsvRefusedException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

@SpringBootTest
class ContactImportTest {

	@Autowired
	ImportService imports;

	@Autowired
	ImportRunner runner;

	@Autowired
	ContactService contacts;

	@Autowired
	ContactLookup lookup;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void noCrash() {
		runner.beforeRow = row -> {
		};
	}

	@Test
	void aRerunWithChangesUpdatesTheMatchedPeopleThroughTheirServiceAndRevertPutsEverythingBack() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		long kept = contacts.create(TestData.contact("Kim", "Keep", "kim@" + domain, null));
		ContactDetails before = lookup.details(kept, Visibility.all());
		byte[] file = ("Vorname;Nachname;E-Mail;Ort;Tags\nKim;Keep;KIM@" + domain + ";Hamburg;vip\nNew;Person;new@"
				+ domain + ";Köln;\n")
			.getBytes(StandardCharsets.UTF_8);

		ImportSummary done = importAndRun("contacts", file, admin, "email");

		assertThat(done.createdCount()).isEqualTo(1);
		assertThat(done.updatedCount()).isEqualTo(1);
		ContactDetails changed = lookup.details(kept, Visibility.all());
		assertThat(changed.city()).isEqualTo("Hamburg");
		assertThat(changed.tags()).containsExactly("vip");
		assertThat(changed.version()).isEqualTo(before.version() + 1);
		assertThat(contactsAt(domain)).isEqualTo(2);

		imports.revert(done.id(), admin);
		assertThat(runner.runOnce()).isTrue();

		ImportSummary reverted = imports.summary(done.id(), admin);
		assertThat(reverted.state()).isEqualTo("REVERTED");
		assertThat(reverted.revertedCount()).isEqualTo(2);
		ContactDetails after = lookup.details(kept, Visibility.all());
		assertThat(after.city()).isEqualTo(before.city());
		assertThat(after.tags()).isEqualTo(before.tags());
		assertThat(after.email()).isEqualTo(before.email());
		assertThat(contactsAt(domain)).isEqualTo(1);
	}

	@Test
	void aLanguageColumnSetsTheLanguageOfThePeoplesMailsAndAnUnknownOneIsRefused() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		byte[] file = ("Vorname;Nachname;E-Mail;Sprache\nGreta;Gruber;greta@" + domain + ";Deutsch\nEd;Ellis;ed@"
				+ domain + ";en-GB\nFrancois;Faure;fr@" + domain + ";fr\n")
			.getBytes(StandardCharsets.UTF_8);

		ImportSummary done = importAndRun("contacts", file, admin, "email");

		assertThat(done.createdCount()).isEqualTo(2);
		assertThat(done.rejectedCount()).isEqualTo(1);
		assertThat(rejects(done.id(), admin)).contains("Not a language of the CRM (en or de).");
		assertThat(jdbc.sql("select email || '=' || preferred_locale from contacts where email like ? order by email")
			.param("%@" + domain)
			.query(String.class)
			.list()).containsExactly("ed@" + domain + "=en", "greta@" + domain + "=de");
	}

	@Test
	void anAccountMatchedByDomainIsUpdatedGainsTheRowsTagsAndTheSameFileAgainChangesNothing() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		importAndRun("accounts",
				("name,domain,city,tags\nAcme," + domain + ",Bremen,partner\n").getBytes(StandardCharsets.UTF_8), admin,
				"domain");
		byte[] file = ("name,domain,city,tags\nAcme," + domain.toUpperCase() + ",Kiel,vip\n")
			.getBytes(StandardCharsets.UTF_8);

		ImportSummary updated = importAndRun("accounts", file, admin, "domain");
		ImportSummary again = importAndRun("accounts", file, admin, "domain");

		assertThat(updated.createdCount()).isZero();
		assertThat(updated.updatedCount()).isEqualTo(1);
		assertThat(jdbc.sql("select city || ' ' || array_to_string(tags, ',') from accounts where lower(domain) = ?")
			.param(domain)
			.query(String.class)
			.single()).isEqualTo("Kiel partner,vip");
		assertThat(again.unchangedCount()).isEqualTo(1);
		assertThat(again.updatedCount() + again.createdCount()).isZero();
	}

	@Test
	void theRunnersThreadIsNoOnesAfterARun() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		SecurityContextHolder.clearContext();

		importAndRun("contacts",
				("first_name,last_name,email\nAnn,After,ann@" + domain + "\n").getBytes(StandardCharsets.UTF_8), admin,
				"email");

		// Else the scheduler's thread went on as the importing user: the next lead
		// created
		// there without an owner became theirs.
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void aNodeDyingMidBatchLeavesThatBatchUnwrittenAndTheNextNodeGoesOnAfterTheLastCommittedBatch() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
		for (int i = 0; i < 1_200; i++) {
			csv.append("C").append(i).append(",Crash,c").append(i).append('@').append(domain).append('\n');
		}
		long id = upload("contacts", csv.toString().getBytes(StandardCharsets.UTF_8), admin);
		imports.map(id, imports.setup(id, admin).mapping(), "email", admin);
		imports.start(id, admin);
		runner.beforeRow = row -> {
			if (row.line() == 800) {
				throw new NodeDied();
			}
		};

		assertThatThrownBy(runner::runOnce).isInstanceOf(NodeDied.class);

		assertThat(contactsAt(domain)).isEqualTo(500);
		ImportSummary halfway = imports.summary(id, admin);
		assertThat(halfway.state()).isEqualTo("RUNNING");
		assertThat(halfway.processed()).isEqualTo(500);
		assertThat(runner.runOnce()).as("the lease has not expired yet").isFalse();

		runner.beforeRow = row -> {
		};
		jdbc.sql("update imports set lease_until = now() - interval '1 second' where id = ?").param(id).update();
		assertThat(runner.runOnce()).isTrue();

		ImportSummary done = imports.summary(id, admin);
		assertThat(done.state()).isEqualTo("DONE");
		assertThat(done.createdCount()).isEqualTo(1_200);
		assertThat(contactsAt(domain)).isEqualTo(1_200);
	}

	@Test
	void anUnclosedQuoteRejectsItsOwnRowOnlyNamingLineAndColumn() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		byte[] file = ("first_name,last_name,email\nAnn,One,a@" + domain + "\n\"Bob,Two,b@" + domain + "\nCid,Three,c@"
				+ domain + "\n\"Dee, Jr.\",Four,d@" + domain + "\n")
			.getBytes(StandardCharsets.UTF_8);

		ImportSummary done = importAndRun("contacts", file, admin, "email");

		assertThat(done.createdCount()).isEqualTo(3);
		assertThat(done.rejectedCount()).isEqualTo(1);
		assertThat(rejects(done.id(), admin).lines().skip(1).findFirst().orElseThrow())
			.startsWith("3,first_name,The quote opened in this column is not closed");
		assertThat(jdbc.sql("select first_name from contacts where email like ? order by first_name")
			.param("%@" + domain)
			.query(String.class)
			.list()).containsExactly("Ann", "Cid", "Dee, Jr.");
	}

	@Test
	void theDryRunSaysWhatEachRowWouldDoAndWritesNothing() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		contacts.create(TestData.contact("Old", "Timer", "old@" + domain, null));
		byte[] file = ("Name,E-Mail,Shoe size\nTimers,old@" + domain + ",44\nFresh,fresh@" + domain
				+ ",42\nBad,nope,40\n,blank@" + domain + ",39\n")
			.getBytes(StandardCharsets.UTF_8);
		long id = upload("contacts", file, admin);
		ImportSetup setup = imports.setup(id, admin);
		assertThat(setup.mapping()).containsExactly("last_name", "email", null);
		assertThat(setup.ignoredColumns()).containsExactly("Shoe size");
		imports.map(id, setup.mapping(), "email", admin);

		ImportPreview preview = imports.preview(id, admin);

		assertThat(preview.rows()).extracting(ImportPreview.Row::outcome)
			.containsExactly(ImportOutcome.Kind.UPDATE, ImportOutcome.Kind.CREATE, ImportOutcome.Kind.REJECT,
					ImportOutcome.Kind.REJECT);
		assertThat(preview.rows().get(2).column()).isEqualTo("E-Mail");
		assertThat(preview.rows().get(3).column()).isEqualTo("Name");
		assertThat(preview.rows().get(3).reasonKey()).isEqualTo("import.required");
		assertThat(preview.creates()).isEqualTo(1);
		assertThat(preview.updates()).isEqualTo(1);
		assertThat(preview.rejects()).isEqualTo(2);
		assertThat(contactsAt(domain)).isEqualTo(1);
	}

	@Test
	void utf8WithBomAndSemicolonsAndWindows1252WithTabsAreRecognised() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		byte[] bom = ("\uFEFFVorname;Nachname;E-Mail\nJürgen;Müller;j@" + domain + "\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] ansi = ("Vorname\tNachname\tE-Mail\nGünther\tSchröder\tg@" + domain + "\n")
			.getBytes(Charset.forName("windows-1252"));

		long bomId = upload("contacts", bom, admin);
		long ansiId = upload("contacts", ansi, admin);

		ImportSetup a = imports.setup(bomId, admin);
		assertThat(a.charset()).isEqualTo("UTF-8");
		assertThat(a.delimiter()).isEqualTo(";");
		assertThat(a.mapping()).containsExactly("first_name", "last_name", "email");
		ImportSetup b = imports.setup(ansiId, admin);
		assertThat(b.charset()).isEqualTo("windows-1252");
		assertThat(b.delimiter()).isEqualTo("tab");
		assertThat(b.mapping()).containsExactly("first_name", "last_name", "email");
		imports.start(bomId, admin);
		imports.start(ansiId, admin);
		runAll();
		assertThat(jdbc.sql("select first_name || ' ' || last_name from contacts where email like ? order by 1")
			.param("%@" + domain)
			.query(String.class)
			.list()).containsExactly("Günther Schröder", "Jürgen Müller");
	}

	@Test
	void aSecondFileWithTheSameExternalIdsUpdatesThePeopleEvenWithNewEmailsAndCreatesNoDuplicates() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		String ext = TestData.unique();
		byte[] first = ("External ID;Vorname;Nachname;E-Mail;Ort\n" + ext + "-1;Ada;Eins;ada@" + domain + ";Bonn\n"
				+ ext + "-2;Bea;Zwei;bea@" + domain + ";Bonn\n")
			.getBytes(StandardCharsets.UTF_8);
		long firstId = upload("contacts", first, admin);
		assertThat(imports.setup(firstId, admin).mapping()).first().isEqualTo(ImportField.EXTERNAL_ID);
		assertThat(imports.setup(firstId, admin).matchKey()).as("the external id is the default match key")
			.isEqualTo(ImportField.EXTERNAL_ID);
		imports.start(firstId, admin);
		runAll();
		assertThat(contactsAt(domain)).isEqualTo(2);

		byte[] second = ("External ID;Vorname;Nachname;E-Mail;Ort\n" + ext + "-1;Ada;Eins;ada.new@" + domain + ";Köln\n"
				+ ext + "-2;Bea;Zwei;bea@" + domain + ";Bonn\n")
			.getBytes(StandardCharsets.UTF_8);
		ImportSummary again = importAndRun("contacts", second, admin, ImportField.EXTERNAL_ID);

		assertThat(again.createdCount()).isZero();
		assertThat(again.updatedCount()).isEqualTo(1);
		assertThat(again.unchangedCount()).isEqualTo(1);
		assertThat(contactsAt(domain)).isEqualTo(2);
		long ada = jdbc.sql("select id from contacts where external_id = ?")
			.param(ext + "-1")
			.query(Long.class)
			.single();
		ContactDetails details = lookup.details(ada, Visibility.all());
		assertThat(details.email()).isEqualTo("ada.new@" + domain);
		assertThat(details.city()).isEqualTo("Köln");
		assertThat(details.externalId()).isEqualTo(ext + "-1");

		// a form's edit (no external id in its command) keeps it
		contacts.update(ada,
				TestData.withVersion(TestData.contact("Ada", "Eins", "ada.new@" + domain, null), details.version()),
				Visibility.all());
		assertThat(lookup.details(ada, Visibility.all()).externalId()).isEqualTo(ext + "-1");
	}

	@Test
	void aRepeatedExternalIdInOneFileRejectsTheLaterRowNamingItsLineInThePreviewAndTheRun() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		String ext = TestData.unique();
		byte[] file = ("Ext ID,Last Name,E-Mail\n" + ext + "-1,One,one@" + domain + "\n" + ext + "-2,Two,two@" + domain
				+ "\n" + ext + "-1,Again,again@" + domain + "\n")
			.getBytes(StandardCharsets.UTF_8);
		long id = upload("contacts", file, admin);
		imports.map(id, imports.setup(id, admin).mapping(), ImportField.EXTERNAL_ID, admin);

		ImportPreview preview = imports.preview(id, admin);
		assertThat(preview.rows()).extracting(ImportPreview.Row::outcome)
			.containsExactly(ImportOutcome.Kind.CREATE, ImportOutcome.Kind.CREATE, ImportOutcome.Kind.REJECT);
		assertThat(preview.rows().get(2).reasonKey()).isEqualTo("import.externalId.repeated");

		imports.start(id, admin);
		runAll();
		ImportSummary done = imports.summary(id, admin);

		assertThat(done.createdCount()).isEqualTo(2);
		assertThat(done.rejectedCount()).isEqualTo(1);
		assertThat(contactsAt(domain)).isEqualTo(2);
		assertThat(rejects(id, admin).lines().skip(1).findFirst().orElseThrow())
			.startsWith("4,Ext ID,This external id is on line 2 of the file already.");
		assertThat(jdbc.sql("select last_name from contacts where external_id = ?")
			.param(ext + "-1")
			.query(String.class)
			.single()).isEqualTo("One");
	}

	@Test
	void anExternalIdAnotherRecordHoldsRejectsTheRowWhenMatchingByEmail() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		String ext = TestData.unique();
		importAndRun("contacts", ("external_id,last_name,email\n" + ext + ",Holder,holder@" + domain + "\n")
			.getBytes(StandardCharsets.UTF_8), admin, ImportField.EXTERNAL_ID);

		ImportSummary clash = importAndRun("contacts",
				("external_id,last_name,email\n" + ext + ",Other,other@" + domain + "\n")
					.getBytes(StandardCharsets.UTF_8),
				admin, "email");

		assertThat(clash.rejectedCount()).isOne();
		assertThat(rejects(clash.id(), admin)).contains("Another record has this external id already.");
		assertThat(contactsAt(domain)).isOne();
	}

	@Test
	void utf16FilesWithAByteOrderMarkInEitherOrderAreImported() throws IOException {
		CrmUser admin = user(Role.ADMIN);
		String domain = TestData.unique() + ".example";
		String text = "\uFEFFVorname\tNachname\tE-Mail\r\nZoë\tŁukasiewicz\tz@" + domain + "\r\nÅsa\tÖberg\tasa@"
				+ domain + "\r\n";
		long le = upload("contacts", text.getBytes(StandardCharsets.UTF_16LE), admin);
		long be = upload("contacts",
				text.replace("z@", "z2@").replace("asa@", "asa2@").getBytes(StandardCharsets.UTF_16BE), admin);

		assertThat(imports.setup(le, admin).charset()).isEqualTo("UTF-16LE");
		assertThat(imports.setup(be, admin).charset()).isEqualTo("UTF-16BE");
		assertThat(imports.setup(le, admin).delimiter()).isEqualTo("tab");
		assertThat(imports.setup(le, admin).mapping()).containsExactly("first_name", "last_name", "email");
		imports.start(le, admin);
		imports.start(be, admin);
		runAll();

		assertThat(imports.summary(le, admin).createdCount()).isEqualTo(2);
		assertThat(imports.summary(be, admin).createdCount()).isEqualTo(2);
		assertThat(jdbc.sql("select first_name || ' ' || last_name from contacts where email like ?")
			.param("%@" + domain)
			.query(String.class)
			.list()).containsExactlyInAnyOrder("Zoë Łukasiewicz", "Zoë Łukasiewicz", "Åsa Öberg", "Åsa Öberg");
	}

	@Test
	void binaryEmptyAndHeaderOnlyFilesAndHugeLinesAreRefusedAndNothingIsKept() {
		CrmUser admin = user(Role.ADMIN);
		long before = jdbc.sql("select count(*) from imports").query(Long.class).single();

		assertThatThrownBy(() -> upload("contacts", new byte[] { 'P', 'K', 3, 4, 0, 0, 1 }, admin))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> assertThat(ex.code()).isEqualTo("csv.binary"));
		assertThatThrownBy(() -> upload("contacts", new byte[0], admin))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> assertThat(ex.code()).isEqualTo("csv.empty"));
		assertThatThrownBy(() -> upload("contacts", " \r\n\n".getBytes(StandardCharsets.UTF_8), admin))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> assertThat(ex.code()).isEqualTo("csv.empty"));
		assertThatThrownBy(() -> upload("contacts", "a,b\n".getBytes(StandardCharsets.UTF_8), admin))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> assertThat(ex.code()).isEqualTo("csv.noRows"));
		assertThatThrownBy(() -> imports.upload("contacts", "huge.csv", hundredMegabyteLine(), admin))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> {
				assertThat(ex.code()).isEqualTo("csv.lineTooLong");
				assertThat(ex.args()).containsExactly(2L, 1024);
			});
		assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void marketersMayImportContactsButOnlyStaffWhoMayCreateLeadsImportLeads() {
		assertThat(imports.types(Role.MARKETER)).contains("contacts", "accounts");
		assertThat(imports.types(Role.SUPPORT_AGENT)).contains("contacts");
		assertThat(imports.types(Role.CUSTOMER)).isEmpty();
	}

	private static InputStream hundredMegabyteLine() {
		byte[] head = "first_name,last_name\n".getBytes(StandardCharsets.UTF_8);
		long total = head.length + 100L * 1024 * 1024;
		return new InputStream() {
			long pos;

			@Override
			public int read() {
				if (pos >= total) {
					return -1;
				}
				return pos < head.length ? head[(int) pos++] : (pos++ % 2 == 0 ? 'x' : ',');
			}
		};
	}

	private ImportSummary importAndRun(String type, byte[] file, CrmUser user, String matchKey) throws IOException {
		long id = upload(type, file, user);
		imports.map(id, imports.setup(id, user).mapping(), matchKey, user);
		imports.start(id, user);
		runAll();
		return imports.summary(id, user);
	}

	private void runAll() {
		while (runner.runOnce()) {
			Thread.onSpinWait();
		}
	}

	private long upload(String type, byte[] file, CrmUser user) throws IOException {
		return imports.upload(type, "test.csv", new ByteArrayInputStream(file), user);
	}

	private String rejects(long id, CrmUser user) throws IOException {
		StringWriter out = new StringWriter();
		imports.writeRejects(id, user, out, (key, text) -> text);
		return out.toString();
	}

	private long contactsAt(String domain) {
		return jdbc.sql("select count(*) from contacts where email like ?")
			.param("%@" + domain)
			.query(Long.class)
			.single();
	}

	private CrmUser user(Role role) {
		String name = "imp" + TestData.unique();
		users
			.createUser(new UserCommand(name, "Importing " + role, null, role, null, true, "correct horse battery", 0));
		return users.loadUserByUsername(name);
	}

	private static final class NodeDied extends Error {

	}

}
