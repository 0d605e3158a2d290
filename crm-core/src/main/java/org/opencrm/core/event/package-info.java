/**
 * Events other modules react to. They cross module boundaries after the raising
 * transaction commits, and Spring Modulith's JDBC registry stores each publication with
 * that transaction so none is lost when the application stops in between.
 */
@org.springframework.modulith.NamedInterface("event")
package org.opencrm.core.event;
