package org.opencrm.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The service module on the test run's PostgreSQL with a clock tests can set and advance.
 * Every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "crm.service.sla.scheduler-enabled=false")
@Import(DeskFixtures.class)
public @interface ServiceDeskTest {

}
