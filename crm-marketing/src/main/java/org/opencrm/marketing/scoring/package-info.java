/**
 * Lead scoring rules and settings.
 */
@org.springframework.modulith.NamedInterface("scoring")
package org.opencrm.marketing.scoring;
