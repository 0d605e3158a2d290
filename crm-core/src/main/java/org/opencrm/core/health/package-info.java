/**
 * Customer health: the score per account and its factors, RFM segments, the at-risk list.
 */
@org.springframework.modulith.NamedInterface("health")
package org.opencrm.core.health;
