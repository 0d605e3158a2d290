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
 * The whole application against the test run's real PostgreSQL, with the demo company loaded
 * (users admin, manager, rep, agent, marketer; password "demo") and SQL statements counted. Every
 * test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "crm.demo-data.enabled=true")
@AutoConfigureMockMvc
@Import(SqlStatementCounter.class)
public @interface WebIntegrationTest {
}
