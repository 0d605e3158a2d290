/**
 * Nurture sequences.
 */
@org.springframework.modulith.NamedInterface("sequence")
package org.opencrm.marketing.sequence;
