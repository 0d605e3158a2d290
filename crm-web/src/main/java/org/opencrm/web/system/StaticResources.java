package org.opencrm.web.system;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The static files, each under its own path: WebJars with their version in the URL, our
 * CSS and JavaScript with a hash of their content, so both can be cached for a year and a
 * new release is fetched at once.
 * <p>
 * Boot's default handler serves {@code /**}, which makes
 * {@code ResourceUrlEncodingFilter} look up every link on a page ({@code /accounts/42},
 * …) as a class-path resource across all jars, a miss that isn't cached — two thirds of a
 * page's CPU. With {@code spring.web.resources.add-mappings} off, only links under these
 * three paths are resolved, and each is resolved once (the chain caches); the links are
 * versioned by {@link StaticResourceLinks}, which passes only those to the resolvers.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	private static final CacheControl A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(A_YEAR)
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
		hashed(registry, "css");
		hashed(registry, "js");
	}

	/**
	 * In place of Boot's {@code ResourceUrlEncodingFilter}, for pages and error pages
	 * alike.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> staticResourceLinks(
			ObjectProvider<ResourceUrlProvider> resources) {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new StaticResourceLinks(resources));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	private static void hashed(ResourceHandlerRegistry registry, String folder) {
		registry.addResourceHandler("/" + folder + "/**")
			.addResourceLocations("classpath:/static/" + folder + "/")
			.setCacheControl(A_YEAR)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
	}

}
