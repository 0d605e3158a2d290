package org.opencrm.marketing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Marketing's settings, registered whether or not its scheduler runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketingSettings.class)
class MarketingConfiguration {

}
