package org.opencrm.web.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/** Read-only transactions run once more on a broken connection. */
@Configuration(proxyBeanMethods = false)
class ReadRetryConfiguration {

	/**
	 * An infrastructure advisor, so the same auto-proxy creator that applies
	 * {@code @Transactional} applies it.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ReadOnlyTransactionRetry readOnlyTransactionRetry(ObjectProvider<ReadRetry> retry) {
		return new ReadOnlyTransactionRetry(retry);
	}

}
