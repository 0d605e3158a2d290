package org.opencrm.web.report;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CSV exports are written on an async request; the servlet container's default timeout
 * (30 s) would cut a large export off midway, so asynchronous requests get half an hour.
 */
@Configuration(proxyBeanMethods = false)
class ReportExportConfiguration implements WebMvcConfigurer {

	static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(30);

	@Override
	public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
		configurer.setDefaultTimeout(EXPORT_TIMEOUT.toMillis());
	}

}
