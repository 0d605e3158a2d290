/**
 * Tasks and reminders any module can create for a user.
 */
@org.springframework.modulith.NamedInterface("task")
package org.opencrm.core.task;
