/**
 * Campaigns, their reports and attribution.
 */
@org.springframework.modulith.NamedInterface("campaign")
package org.opencrm.marketing.campaign;
