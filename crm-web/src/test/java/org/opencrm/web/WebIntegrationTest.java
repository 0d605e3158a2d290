package org.opencrm.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.opencrm.test.SqlStatementCounter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole application against the test run's real PostgreSQL, with the demo company
 * loaded (users admin, manager, rep, agent, marketer; password "demo") and SQL statements
 * counted. Every test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Background schedulers off: their statements would count against the page being
// measured, and the
// inbound-mail poller would take mail that tests expect to find in the mailbox. The
// task-reminder
// claim runs a statement every minute whether or not anything is due; so does the
// customer-health recompute.
@SpringBootTest(properties = { "crm.demo-data.enabled=true", "crm.marketing.scheduler.enabled=false",
		"crm.service.mail.scheduler-enabled=false", "crm.mail.outbox.scheduler-enabled=false",
		"crm.tasks.reminders.enabled=false", "crm.health.scheduler.enabled=false", "crm.imports.worker-enabled=false",
		"crm.notifications.digest-enabled=false" })
@AutoConfigureMockMvc
@Import({ SqlStatementCounter.class, MovableClockConfig.class })
public @interface WebIntegrationTest {

}
