/**
 * Signed tokens for links in mail (tracking, surveys).
 */
@org.springframework.modulith.NamedInterface("signing")
package org.opencrm.core.signing;
