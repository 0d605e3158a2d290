/**
 * Campaign performance for the manager dashboard.
 */
@org.springframework.modulith.NamedInterface("summary")
package org.opencrm.marketing.summary;
