/**
 * Core settings ({@code crm.*}, such as the base URL for links in mail).
 */
@org.springframework.modulith.NamedInterface("config")
package org.opencrm.core.config;
