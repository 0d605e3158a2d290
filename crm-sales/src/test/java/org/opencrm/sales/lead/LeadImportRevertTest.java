package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.sales.SalesFixtures.unique;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.imports.ImportRunner;
import org.opencrm.core.imports.ImportService;
import org.opencrm.core.imports.ImportSummary;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leads through the import wizard: matched again by their external id, and reverted with
 * what they brought along.
 */
@SpringBootTest
class LeadImportRevertTest {

	@Autowired
	ImportService imports;

	@Autowired
	ImportRunner runner;

	@Autowired
	TaskService tasks;

	@Autowired
	Notifications notifications;

	@Autowired
	LeadQuery query;

	@Autowired
	LeadService leads;

	@Autowired
	JdbcClient jdbc;

	@Test
	void revertingALeadImportDeletesItsLeadsWithTheTasksAndNotificationsAboutThemAndNothingElse() throws Exception {
		String u = unique();
		CrmUser admin = admin();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		ImportSummary done = importAndRun("""
				Last name,E-Mail,External ID
				Alpha%1$s,a.%1$s@example.com,A-%1$s
				Beta%1$s,b.%1$s@example.com,B-%1$s
				""".formatted(u), admin, "external_id");
		assertThat(done.createdCount()).isEqualTo(2);
		List<Long> created = leadIds(u);
		assertThat(created).hasSize(2);
		// What a lead brings along once it exists: the owner's follow-up (an assignment
		// workflow, marketing's MQL task), the assignment notification.
		for (long lead : created) {
			tasks.create(CreateTask.generated(TimelineText.of("task.lead.followUp", "x"), null, Instant.now(), rep,
					null, null, "lead:" + lead));
			notifications.notify(Notification.to(rep, NotificationKind.ASSIGNMENT, "notification.assigned.lead", "x")
				.about("lead", lead));
		}
		long kept = SalesFixtures.user(jdbc, "SALES_REP", null);
		long otherLead = leads.create(SalesFixtures.lead("Other", "Other" + u + "x", null, null, kept),
				Visibility.all());
		long otherTask = tasks.create(CreateTask.generated(TimelineText.of("task.lead.followUp", "y"), null,
				Instant.now(), kept, null, null, "lead:" + otherLead));

		imports.revert(done.id(), admin);
		ImportSummary reverted = waitFor(done.id(), admin, "REVERTED");

		assertThat(reverted.revertedCount()).isEqualTo(2);
		assertThat(leadIds(u)).isEmpty();
		String[] refs = created.stream().map(id -> "lead:" + id).toArray(String[]::new);
		assertThat(jdbc.sql("select count(*) from tasks where related_ref = any(?)")
			.param(refs)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from notifications where record_type = 'lead' and record_id = any(?)")
			.param(created.toArray(Long[]::new))
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from tasks where id = ?").param(otherTask).query(Long.class).single())
			.isOne();
	}

	@Test
	void aSecondFileWithTheSameExternalIdsUpdatesTheLeadsInsteadOfAddingMore() throws Exception {
		String u = unique();
		CrmUser admin = admin();
		importAndRun("""
				Last name;Company;External ID
				Alpha%1$s;Old GmbH;X-%1$s
				""".formatted(u), admin, "external_id");
		long lead = leadIds(u).get(0);

		ImportSummary again = importAndRun("""
				Last name;Company;External ID
				Alpha%1$s;New GmbH;X-%1$s
				""".formatted(u), admin, "external_id");

		assertThat(again.createdCount()).isZero();
		assertThat(again.updatedCount()).isOne();
		assertThat(leadIds(u)).containsExactly(lead);
		LeadDetails details = query.details(lead, Visibility.all());
		assertThat(details.company()).isEqualTo("New GmbH");
		assertThat(details.externalId()).isEqualTo("X-" + u);
	}

	/**
	 * An admin imports: assignment rules other tests left may give the leads to anyone.
	 */
	private CrmUser admin() {
		long id = SalesFixtures.user(jdbc, "ADMIN", null);
		String name = jdbc.sql("select username from users where id = ?").param(id).query(String.class).single();
		return new CrmUser(id, name, "Importing admin", Role.ADMIN, null, null, true);
	}

	private List<Long> leadIds(String u) {
		return jdbc.sql("select id from leads where last_name like ? order by id")
			.param("%" + u)
			.query(Long.class)
			.list();
	}

	private ImportSummary importAndRun(String csv, CrmUser user, String matchKey) throws Exception {
		long id = imports.upload("leads", "leads.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				user);
		imports.map(id, imports.setup(id, user).mapping(), matchKey, user);
		imports.start(id, user);
		return waitFor(id, user, "DONE");
	}

	/** Runs imports here; this context's own worker may have claimed it first. */
	private ImportSummary waitFor(long id, CrmUser user, String state) throws InterruptedException {
		long until = System.currentTimeMillis() + 60_000;
		ImportSummary s = imports.summary(id, user);
		while (!Set.of(state, "FAILED").contains(s.state()) && System.currentTimeMillis() < until) {
			if (!runner.runOnce()) {
				Thread.sleep(100);
			}
			s = imports.summary(id, user);
		}
		assertThat(s.state()).as(s.error()).isEqualTo(state);
		return s;
	}

}
