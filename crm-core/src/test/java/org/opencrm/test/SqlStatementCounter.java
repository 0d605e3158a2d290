package org.opencrm.test;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application sends, so a test can assert that a page reads a
 * bounded number of them whatever the data size. Register with {@code @Import(SqlStatementCounter.class)}.
 */
public class SqlStatementCounter implements BeanPostProcessor {

	private static final AtomicInteger count = new AtomicInteger();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource ds && !(bean instanceof ProxyDataSource)) {
			return ProxyDataSourceBuilder.create(ds)
				.name("counted")
				.afterQuery((execInfo, queries) -> count.addAndGet(queries.size()))
				.build();
		}
		return bean;
	}

	public static void reset() {
		count.set(0);
	}

	public static int count() {
		return count.get();
	}
}
