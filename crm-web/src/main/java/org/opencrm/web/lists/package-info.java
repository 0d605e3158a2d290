/**
 * What the working lists (accounts, contacts, leads, deals) share: bulk actions on
 * selected rows, saved views with column choice, and CSV export of the filtered list.
 */
package org.opencrm.web.lists;
