/**
 * Opportunities and the board: open, move between stages, win or lose.
 */
@org.springframework.modulith.NamedInterface("opportunity")
package org.opencrm.sales.opportunity;
