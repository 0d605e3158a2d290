package org.opencrm.service;

import org.opencrm.service.mail.MailSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Service's settings shared by its packages (and the web layer's customer e-mails). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class ServiceConfiguration {

}
