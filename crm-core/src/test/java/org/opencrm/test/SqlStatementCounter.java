package org.opencrm.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application sends, so a test can assert that a page reads
 * a bounded number of them whatever the data size. Register with
 * {@code @Import(SqlStatementCounter.class)}. Only statements sent from the thread that
 * last called {@link #reset()} count: a MockMvc request runs on the test's thread, while
 * scheduled jobs (session cleanup, monitors) and asynchronous event listeners run on
 * others and would otherwise land in whichever measurement is running.
 */
public class SqlStatementCounter implements BeanPostProcessor {

	private static final AtomicInteger count = new AtomicInteger();

	private static final List<String> statements = new CopyOnWriteArrayList<>();

	private static final AtomicInteger commits = new AtomicInteger();

	private static volatile Thread measured;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource ds && !(bean instanceof ProxyDataSource)) {
			return ProxyDataSourceBuilder.create(ds).name("counted").afterQuery((execInfo, queries) -> {
				if (Thread.currentThread() == measured) {
					count.addAndGet(queries.size());
					queries.forEach(q -> statements.add(q.getQuery()));
				}
			}).afterMethod(call -> {
				if (Thread.currentThread() == measured && "commit".equals(call.getMethod().getName())) {
					commits.incrementAndGet();
				}
			}).build();
		}
		return bean;
	}

	public static void reset() {
		measured = Thread.currentThread();
		count.set(0);
		commits.set(0);
		statements.clear();
	}

	public static int count() {
		return count.get();
	}

	/**
	 * The transactions committed since {@link #reset()} on the measured thread (each
	 * {@code Connection.commit()}: a transaction's round trip and set-up, read-only or
	 * not).
	 */
	public static int commits() {
		return commits.get();
	}

	/** The statements counted since {@link #reset()}, in the order they were sent. */
	public static List<String> statements() {
		return List.copyOf(statements);
	}

}
