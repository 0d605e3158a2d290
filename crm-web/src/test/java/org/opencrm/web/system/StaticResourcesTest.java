package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Static files are linked with a version (WebJars) or a content hash (our CSS and JS) and
 * cached for a year, while a page's own links are left alone without a class-path
 * look-up: only {@code /webjars}, {@code /css} and {@code /js} are resource paths (and
 * {@code /swagger-ui}, the Swagger UI's files).
 */
@WebIntegrationTest
class StaticResourcesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ResourceUrlProvider resourceUrls;

	@Autowired
	List<FilterRegistrationBean<?>> filters;

	@Test
	void aPageLinksVersionedWebJarsAndHashedStylesheetsAndLeavesPageLinksAlone() throws Exception {
		String page = page();

		assertThat(page).containsPattern("/webjars/bootstrap/\\d+\\.\\d+\\.\\d+/dist/css/bootstrap.min.css")
			.containsPattern("/webjars/htmx.org/\\d+\\.\\d+\\.\\d+/dist/htmx.min.js")
			.containsPattern("/css/crm-[0-9a-f]{32}\\.css")
			.containsPattern("/js/crm-[0-9a-f]{32}\\.js")
			.contains("href=\"/accounts\"");
	}

	@Test
	void aVersionedStylesheetIsServedAndCachedForAYear() throws Exception {
		Matcher css = Pattern.compile("/css/crm-[0-9a-f]{32}\\.css").matcher(page());
		assertThat(css.find()).isTrue();

		mvc.perform(get(css.group()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/css"))
			.andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
		mvc.perform(get("/css/crm-00000000000000000000000000000000.css")).andExpect(status().isNotFound());
	}

	@Test
	void aVersionedWebJarIsServedAndCachedForAYear() throws Exception {
		Matcher js = Pattern.compile("/webjars/htmx.org/[0-9.]+/dist/htmx.min.js").matcher(page());
		assertThat(js.find()).isTrue();

		mvc.perform(get(js.group()))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
	}

	@Test
	void onlyTheStaticPathsAreResourcePaths() {
		// and springdoc's Swagger UI files (for signed-in staff, like every page).
		assertThat(resourceUrls.getHandlerMap()).containsOnlyKeys("/webjars/**", "/css/**", "/js/**", "/swagger-ui/**",
				"/swagger-ui/*index.html", "/swagger-ui/*swagger-initializer.js");
		assertThat(resourceUrls.getForLookupPath("/accounts/42")).isNull();
	}

	@Test
	void onlyLinksUnderAStaticPathAreVersionedAndTheirQueryAndFragmentKept() {
		StaticResourceLinks links = new StaticResourceLinks(
				new StaticListableBeanFactory(Map.of("resources", this.resourceUrls))
					.getBeanProvider(ResourceUrlProvider.class));

		assertThat(links.versioned("", "/accounts/42?tab=deals")).isEqualTo("/accounts/42?tab=deals");
		assertThat(links.versioned("/crm", "/crm/webjars/htmx.org/dist/htmx.min.js?v=1#top"))
			.matches("/crm/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js\\?v=1#top");
		assertThat(links.versioned("", "/css/crm.css")).matches("/css/crm-[0-9a-f]{32}\\.css");
		assertThat(links.versioned("", "/css/no-such-file.css")).isEqualTo("/css/no-such-file.css");
		assertThat(links.versioned("/crm", "/webjars/htmx.org/dist/htmx.min.js")).as("another application's link")
			.isEqualTo("/webjars/htmx.org/dist/htmx.min.js");
	}

	@Test
	void aPatternsLiteralStartIsWhereEveryPathItMatchesBegins() {
		assertThat(StaticResourceLinks.literalStart("/webjars/**")).isEqualTo("/webjars");
		assertThat(StaticResourceLinks.literalStart("/swagger-ui/*index.html")).isEqualTo("/swagger-ui");
		assertThat(StaticResourceLinks.literalStart("/files/{name}/**")).isEqualTo("/files");
		assertThat(StaticResourceLinks.literalStart("/**")).isEqualTo("/");
	}

	@Test
	void theStaticLinksFilterTakesTheSpringFiltersPlace() {
		assertThat(this.filters.stream().map(FilterRegistrationBean::getFilter))
			.filteredOn(ResourceUrlEncodingFilter.class::isInstance)
			.singleElement()
			.isInstanceOf(StaticResourceLinks.class);
	}

	private String page() throws Exception {
		return mvc.perform(get("/accounts").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
