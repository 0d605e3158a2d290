package org.opencrm.web.database;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read replica, when {@code crm.datasource.replica.url} is set: its pool and circuit
 * ({@link ReadReplica}), and the application's data source wrapped so that
 * {@link ReplicaReads} can route to it. Boot's primary pool stays as configured
 * ({@code spring.datasource.*}) and keeps its metrics and health check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaSettings.class)
class ReplicaConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("!'${crm.datasource.replica.url:}'.isBlank()")
	static class Configured {

		@Bean(initMethod = "start", destroyMethod = "close")
		ReadReplica readReplica(ReplicaSettings settings, ObjectProvider<MeterRegistry> meters) {
			return new ReadReplica(settings, meters.getIfAvailable());
		}

		@Bean
		static BeanPostProcessor replicaRouting(ObjectProvider<ReadReplica> replica) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if ("dataSource".equals(beanName) && bean instanceof DataSource primary
							&& !(bean instanceof ReplicaRoutingDataSource)) {
						return new ReplicaRoutingDataSource(primary, replica::getObject);
					}
					return bean;
				}
			};
		}

	}

}
