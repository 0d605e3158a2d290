/**
 * Questions one module answers for another without either importing the other: core
 * declares the interface, the module that owns the data implements it, the asking module
 * injects it.
 */
@org.springframework.modulith.NamedInterface("port")
package org.opencrm.core.port;
