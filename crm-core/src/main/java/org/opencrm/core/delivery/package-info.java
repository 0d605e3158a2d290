/**
 * Delivering cross-module events at most once in effect with several nodes: incomplete
 * publications are re-sent by one node at a time, only once they are stale
 * ({@code EventResubmission}), and a listener with no natural key of its own claims each
 * event once ({@link org.opencrm.core.delivery.EventReceipts}).
 */
@org.springframework.modulith.NamedInterface("delivery")
package org.opencrm.core.delivery;
