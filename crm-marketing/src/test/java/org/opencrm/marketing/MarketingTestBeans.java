package org.opencrm.marketing;

import org.opencrm.marketing.MarketingTest.TagSegments;
import org.opencrm.marketing.MarketingTest.TestGateway;
import org.opencrm.core.mail.MailGateway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The test doubles of {@link MarketingTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class MarketingTestBeans {

	/**
	 * Wins over the real segments (SegmentService) in these tests; the clock is
	 * MarketingTestApplication's.
	 */
	@Bean
	@Primary
	TagSegments tagSegments(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		return new TagSegments(jdbc);
	}

	@Bean
	@Primary
	TestGateway testGateway(org.springframework.context.ApplicationContext context) {
		return new TestGateway(() -> context.getBean("smtpGateway", MailGateway.class));
	}

}
