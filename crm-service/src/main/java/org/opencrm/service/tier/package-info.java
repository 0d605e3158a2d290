/**
 * Service tiers per account.
 */
@org.springframework.modulith.NamedInterface("tier")
package org.opencrm.service.tier;
