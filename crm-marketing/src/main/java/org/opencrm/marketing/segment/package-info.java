/**
 * Segments, their definitions and members, list import.
 */
@org.springframework.modulith.NamedInterface("segment")
package org.opencrm.marketing.segment;
