package org.opencrm.core.imports;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencrm.core.TestData;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Not a test (surefire runs it only when named): imports {@code crm.bench.rows} contacts
 * (default 1,000,000; 1% with a broken e-mail) from a file generated on the fly, through
 * the upload, the stored chunks and the batched run, and prints rows/s of the upload and
 * the run and the heap's peak use ({@code bench/import-1m.sh}).
 */
@SpringBootTest
class ImportBench {

	@Autowired
	ImportService imports;

	@Autowired
	ImportRunner runner;

	@Autowired
	UserService users;

	@Test
	void importContacts() throws Exception {
		long rows = Long.getLong("crm.bench.rows", 1_000_000L);
		String name = "bench" + TestData.unique();
		users.createUser(
				new UserCommand(name, "Import Bench", null, Role.ADMIN, null, true, "correct horse battery", 0));
		CrmUser admin = users.loadUserByUsername(name);
		String domain = TestData.unique() + ".example";
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

		long t0 = System.nanoTime();
		long id = imports.upload("contacts", "bench.csv", generated(rows, domain), admin);
		long t1 = System.nanoTime();
		imports.map(id, imports.setup(id, admin).mapping(), "email", admin);
		imports.start(id, admin);
		runner.runOnce();
		long t2 = System.nanoTime();

		ImportSummary s = imports.summary(id, admin);
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed())
			.sum();
		System.out.printf("[bench] rows=%d created=%d rejected=%d state=%s%n", rows, s.createdCount(),
				s.rejectedCount(), s.state());
		System.out.printf("[bench] upload: %.1f s (%.0f rows/s)%n", (t1 - t0) / 1e9, rows / ((t1 - t0) / 1e9));
		System.out.printf("[bench] run: %.1f s (%.0f rows/s)%n", (t2 - t1) / 1e9, rows / ((t2 - t1) / 1e9));
		System.out.printf("[bench] peak heap used (sum of pool peaks): %d MB of max %d MB%n", peak >> 20,
				Runtime.getRuntime().maxMemory() >> 20);
	}

	/** The CSV, written as it is read: the file is never in memory. */
	private static InputStream generated(long rows, String domain) {
		return new InputStream() {

			private long next = -1;

			private byte[] line = "First Name,Last Name,E-Mail,City\n".getBytes(StandardCharsets.UTF_8);

			private int pos;

			@Override
			public int read() {
				while (pos == line.length) {
					if (++next >= rows) {
						return -1;
					}
					String email = next % 100 == 42 ? "broken-" + next : "b" + next + "@" + domain;
					line = ("Bench" + next + ",Row" + next + "," + email + ",Berlin\n")
						.getBytes(StandardCharsets.UTF_8);
					pos = 0;
				}
				return line[pos++];
			}
		};
	}

}
