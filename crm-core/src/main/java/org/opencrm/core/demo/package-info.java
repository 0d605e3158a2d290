/**
 * The demo-data contract: each module contributes its part of the demo company.
 */
@org.springframework.modulith.NamedInterface("demo")
package org.opencrm.core.demo;
