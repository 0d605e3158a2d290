/**
 * E-mail templates and their rendering.
 */
@org.springframework.modulith.NamedInterface("template")
package org.opencrm.marketing.template;
