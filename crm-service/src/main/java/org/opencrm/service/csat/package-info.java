/**
 * Customer satisfaction surveys and their figures.
 */
@org.springframework.modulith.NamedInterface("csat")
package org.opencrm.service.csat;
