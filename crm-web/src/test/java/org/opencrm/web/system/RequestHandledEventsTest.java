package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.security.context.DelegatingApplicationListener;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * No event after each request ({@code spring.mvc.publish-request-handled-events=false}):
 * nothing in the application listens to it. Should a listener for it be added, this says
 * it would never be called.
 */
@WebIntegrationTest
class RequestHandledEventsTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	private static Collection<ApplicationListener<?>> listeners(ApplicationEventMulticaster multicaster,
			ApplicationEvent event) {
		return ReflectionTestUtils.invokeMethod(multicaster, "getApplicationListeners", event,
				ResolvableType.forInstance(event));
	}

	@Test
	@SuppressWarnings("unchecked")
	void nothingListensToTheEventNoLongerPublished() throws Exception {
		mvc.perform(get("/me/password").with(as(users, "rep"))).andExpect(status().isOk());
		ServletRequestHandledEvent event = new ServletRequestHandledEvent(this, "/me/password", "127.0.0.1", "GET",
				"dispatcherServlet", null, null, 1, null, 200);
		ApplicationEventMulticaster multicaster = context.getBean(ApplicationEventMulticaster.class);
		Collection<ApplicationListener<?>> listeners = new ArrayList<>(listeners(multicaster, event));
		// Those handed every event look at other kinds only (EmbeddedMail: the context
		// closing; Spring Security's delegate: the listeners it holds, checked below).
		listeners.removeAll(listeners(multicaster, new ApplicationEvent(this) {
		}));
		assertThat(listeners).isEmpty();
		DelegatingApplicationListener delegate = context.getBean(DelegatingApplicationListener.class);
		List<SmartApplicationListener> delegated = (List<SmartApplicationListener>) ReflectionTestUtils
			.getField(delegate, "listeners");
		assertThat(delegated).noneMatch(l -> l.supportsEventType(ServletRequestHandledEvent.class));
		assertThat(ReflectionTestUtils.getField(context.getBean(DispatcherServlet.class), "publishEvents"))
			.isEqualTo(false);
	}

}
