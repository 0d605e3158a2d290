package org.opencrm.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import at size: {@code crm.test.import.rows} rows (default 100,000), 1% with a
 * broken e-mail. Slow on a loaded machine (every row goes through
 * {@code ContactService}); its own class so the quick cases report on their own.
 */
@SpringBootTest
class LargeImportTest {

	static final int ROWS = Integer.getInteger("crm.test.import.rows", 100_000);

	@Autowired
	ImportService imports;

	@Autowired
	ImportRunner runner;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFileWithOnePercentBadRowsCommitsExactlyTheRestAndARerunByEmailCreatesNoDuplicates() throws IOException {
		CrmUser marketer = user(Role.MARKETER);
		String domain = TestData.unique() + ".example";
		StringBuilder csv = new StringBuilder("First Name,Last Name,E-Mail,City\n");
		for (int i = 0; i < ROWS; i++) {
			String email = i % 100 == 42 ? "broken-" + i : "p" + i + "@" + domain;
			csv.append("Pat").append(i).append(",Bulk").append(i).append(',').append(email).append(",Berlin\n");
		}
		byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

		ImportSummary first = importAndRun("contacts", file, marketer, "email");

		assertThat(first.state()).isEqualTo("DONE");
		assertThat(first.createdCount()).isEqualTo(ROWS - ROWS / 100);
		assertThat(first.rejectedCount()).isEqualTo(ROWS / 100);
		assertThat(contactsAt(domain)).isEqualTo(ROWS - ROWS / 100);
		String report = rejects(first.id(), marketer);
		assertThat(report.lines()).hasSize(ROWS / 100 + 1);
		assertThat(report.lines().skip(1).findFirst().orElseThrow()).startsWith("44,E-Mail,");

		ImportSummary again = importAndRun("contacts", file, marketer, "email");

		assertThat(again.createdCount()).isZero();
		assertThat(again.unchangedCount()).isEqualTo(ROWS - ROWS / 100);
		assertThat(again.rejectedCount()).isEqualTo(ROWS / 100);
		assertThat(contactsAt(domain)).isEqualTo(ROWS - ROWS / 100);
	}

	private ImportSummary importAndRun(String type, byte[] file, CrmUser user, String matchKey) throws IOException {
		long id = imports.upload(type, "large.csv", new ByteArrayInputStream(file), user);
		imports.map(id, imports.setup(id, user).mapping(), matchKey, user);
		imports.start(id, user);
		while (runner.runOnce()) {
			Thread.onSpinWait();
		}
		return imports.summary(id, user);
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

}
