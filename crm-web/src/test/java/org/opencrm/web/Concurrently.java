package org.opencrm.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs {@code n} tasks on {@code n} threads released together, so they really overlap,
 * and returns their answers in order.
 */
public final class Concurrently {

	private Concurrently() {
	}

	public static <T> List<T> run(int n, IntFunction<Callable<T>> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> answers = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				Callable<T> one = task.apply(i);
				answers.add(pool.submit(() -> {
					start.await();
					return one.call();
				}));
			}
			start.countDown();
			List<T> out = new ArrayList<>();
			for (Future<T> answer : answers) {
				out.add(answer.get());
			}
			return out;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
