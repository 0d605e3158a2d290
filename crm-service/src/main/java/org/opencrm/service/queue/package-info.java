/**
 * The agent queue and bulk actions.
 */
@org.springframework.modulith.NamedInterface("queue")
package org.opencrm.service.queue;
