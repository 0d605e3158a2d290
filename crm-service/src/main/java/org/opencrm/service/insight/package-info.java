/**
 * The manager dashboard's service figures.
 */
@org.springframework.modulith.NamedInterface("insight")
package org.opencrm.service.insight;
