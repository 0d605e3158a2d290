package org.opencrm.web.customer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a customer route's handler whose first read is the customer's own record with the
 * access rule in its query ({@code AccountService.header},
 * {@code ContactLookup.details}), before anything else is read, in the same transaction:
 * {@link CustomerAccessInterceptor} leaves it alone, since its own check would be one
 * more statement and transaction answering the same question (the dashboards; an
 * out-of-reach customer is still the same "not found").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AccessInFirstRead {

}
