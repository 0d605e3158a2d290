package org.opencrm.web.database;

import java.lang.reflect.Method;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Pointcut;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a {@code @Transactional(readOnly = true)} method once more when its connection
 * broke, if it began the transaction (one nested in another transaction fails with it:
 * the outer one may have written). Ordered just outside Spring's transaction advice, so
 * the second run is a new transaction on a new connection ({@link ReadRetry}). A
 * read-only transaction changes nothing, so running it twice is safe; that is where
 * pages, lists and the API load what they show.
 */
final class ReadOnlyTransactionRetry extends AbstractPointcutAdvisor {

	private final TransactionAttributeSource transactions = new AnnotationTransactionAttributeSource();

	private final ObjectProvider<ReadRetry> retry;

	private final Pointcut pointcut = new StaticMethodMatcherPointcut() {
		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			TransactionAttribute attribute = transactions.getTransactionAttribute(method, targetClass);
			return attribute != null && attribute.isReadOnly();
		}
	};

	private final MethodInterceptor advice = this::invoke;

	ReadOnlyTransactionRetry(ObjectProvider<ReadRetry> retry) {
		this.retry = retry;
		// Just outside the transaction advice (Ordered.LOWEST_PRECEDENCE by default).
		setOrder(Ordered.LOWEST_PRECEDENCE - 1);
	}

	private Object invoke(MethodInvocation invocation) throws Throwable {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				|| !(invocation instanceof ProxyMethodInvocation proxied)) {
			return invocation.proceed();
		}
		// Cloned before the first run: a run moves the invocation past the transaction
		// advice.
		MethodInvocation again = proxied.invocableClone();
		try {
			return invocation.proceed();
		}
		catch (RuntimeException ex) {
			if (!BrokenConnections.isBroken(ex)) {
				throw ex;
			}
			retry.getObject().afterBrokenConnection(ex);
			return again.proceed();
		}
	}

	@Override
	public Pointcut getPointcut() {
		return pointcut;
	}

	@Override
	public Advice getAdvice() {
		return advice;
	}

}
