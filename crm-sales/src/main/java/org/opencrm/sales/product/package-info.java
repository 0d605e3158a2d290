/**
 * The product catalogue.
 */
@org.springframework.modulith.NamedInterface("product")
package org.opencrm.sales.product;
