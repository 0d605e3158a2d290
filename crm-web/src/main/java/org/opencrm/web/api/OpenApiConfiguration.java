package org.opencrm.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api/v1} (springdoc builds it from the controllers):
 * both ways to sign in, HTTP Basic and a personal API token as a bearer token.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC = "basic";

	static final String BEARER = "token";

	@Bean
	OpenAPI crmOpenApi() {
		return new OpenAPI()
			.info(new Info().title("OpenCRM API")
				.version("v1")
				.description("Accounts, contacts, leads, deals, tickets, segments, campaigns and knowledge base over"
						+ " JSON. Sign in with HTTP Basic or a personal API token (Authorization: Bearer crm_…, made"
						+ " on the API tokens page). Errors are RFC 9457 problem details. GET of a record answers"
						+ " ETag: \"<version>\"; PUT with If-Match of a stale version answers 412. Requests are"
						+ " limited per token or user (429 with Retry-After)."))
			.components(new Components()
				.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("crm token")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
