package org.opencrm.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who may read the operations endpoints beyond health.
 *
 * @param metricsFrom Addresses or networks (CIDR) allowed to scrape
 * {@code /actuator/prometheus}: by default this machine and the private networks (a
 * Prometheus beside the app, a compose or Kubernetes network).
 */
@ConfigurationProperties("crm.management")
record ManagementSettings(@DefaultValue( {
		"127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" }) List<String> metricsFrom){

	AuthorizationManager<RequestAuthorizationContext> metricsClients() {
		List<IpAddressMatcher> matchers = metricsFrom.stream().map(IpAddressMatcher::new).toList();
		return (authentication,
				context) -> new AuthorizationDecision(matchers.stream().anyMatch(m -> m.matches(context.getRequest())));
	}

}
