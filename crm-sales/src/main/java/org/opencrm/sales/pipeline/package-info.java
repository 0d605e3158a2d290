/**
 * Pipelines and their stages.
 */
@org.springframework.modulith.NamedInterface("pipeline")
package org.opencrm.sales.pipeline;
