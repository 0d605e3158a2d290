/**
 * The timeline: points of contact every module records about customers.
 */
@org.springframework.modulith.NamedInterface("timeline")
package org.opencrm.core.timeline;
