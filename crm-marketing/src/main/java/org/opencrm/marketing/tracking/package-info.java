/**
 * Open/click tracking and unsubscribe links.
 */
@org.springframework.modulith.NamedInterface("tracking")
package org.opencrm.marketing.tracking;
