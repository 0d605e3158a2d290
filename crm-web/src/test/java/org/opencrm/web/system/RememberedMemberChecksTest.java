package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class RememberedMemberChecksTest {

	private final GenericApplicationContext applicationContext = new GenericApplicationContext();

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	@BeforeEach
	void engine() {
		this.applicationContext.refresh();
		this.engine.setTemplateResolver(new StringTemplateResolver());
		this.engine.setEnableSpringELCompiler(true);
		this.engine.addDialect(new RememberedMemberChecks());
	}

	@AfterEach
	void close() {
		this.applicationContext.close();
	}

	@Test
	void aPageReadsItsRowsThroughTheCheckedAccessor() {
		ThymeleafEvaluationContext evaluation = evaluation();
		String html = render("<p th:each=\"row : ${rows}\" th:text=\"${row.subject} + '/' + ${row.empty}\">x</p>",
				Map.of("rows", java.util.List.of(new Row("Printer down"), new Row(""))), evaluation);

		assertThat(html).isEqualTo("<p>Printer down/false</p><p>/true</p>");
		assertOnlyTheCheckedAccessorReflects(evaluation);
	}

	@Test
	void attributesEvaluatedInRestrictedModeReadThroughItToo() {
		// th:data-*, th:hx-* and th:attr run in Thymeleaf's restricted mode, with a list
		// of its own.
		ThymeleafEvaluationContext evaluation = evaluation();
		String html = render("<p th:data-subject=\"${row.subject}\" th:attr=\"title=${row.subject}\">x</p>",
				Map.of("row", new Row("Printer down")), evaluation);

		assertThat(html).isEqualTo("<p data-subject=\"Printer down\" title=\"Printer down\">x</p>");
		evaluation.setVariableAccessRestricted(true);
		assertOnlyTheCheckedAccessorReflects(evaluation);
		evaluation.setVariableAccessRestricted(false);
		assertOnlyTheCheckedAccessorReflects(evaluation);
	}

	@Test
	void aRestrictedAttributeStillRefusesAForbiddenMember() {
		assertThatThrownBy(() -> render("<p th:data-loader=\"${holder.contextClassLoader}\">x</p>",
				Map.of("holder", Thread.currentThread()), evaluation()))
			.isInstanceOf(TemplateProcessingException.class)
			.hasStackTraceContaining("forbidden");
	}

	private static void assertOnlyTheCheckedAccessorReflects(ThymeleafEvaluationContext evaluation) {
		assertThat(evaluation.getPropertyAccessors()).contains(RememberedMemberChecks.ACCESSOR)
			.noneMatch(accessor -> accessor != RememberedMemberChecks.ACCESSOR
					&& accessor instanceof org.springframework.expression.spel.support.ReflectivePropertyAccessor);
	}

	@Test
	void aMemberThymeleafForbidsIsStillRefused() {
		assertThatThrownBy(() -> render("<p th:text=\"${holder.contextClassLoader}\">x</p>",
				Map.of("holder", Thread.currentThread()), evaluation()))
			.isInstanceOf(TemplateProcessingException.class)
			.hasStackTraceContaining("forbidden");
	}

	@Test
	void anExpressionThatReadAnAllowedTypeBeforeIsStillCheckedForAForbiddenOne() {
		String template = "<p th:text=\"${holder.contextClassLoader}\">x</p>";
		assertThat(render(template, Map.of("holder", new LoaderHolder()), evaluation()))
			.isEqualTo("<p>no loader here</p>");

		assertThatThrownBy(() -> render(template, Map.of("holder", Thread.currentThread()), evaluation()))
			.isInstanceOf(TemplateProcessingException.class)
			.hasStackTraceContaining("forbidden");
	}

	@Test
	void theAnswerIsThymeleafsOwnForEveryKindOfTarget() {
		// Instance members of a blocked package, an allowed class in it, our own types,
		// and static members of a class, each asked twice (the second from memory).
		Object[][] cases = { { Thread.currentThread(), "contextClassLoader" }, { "text", "bytes" },
				{ new Row("a"), "subject" }, { String.class, "name" }, { Runtime.class, "runtime" },
				{ new java.util.ArrayList<>(), "empty" } };
		for (int round = 0; round < 2; round++) {
			for (Object[] c : cases) {
				String property = (String) c[1];
				String getter = ("empty".equals(property) ? "is" : "get") + Character.toUpperCase(property.charAt(0))
						+ property.substring(1);
				assertThat(RememberedMemberChecks.CheckedPropertyAccessor.forbidden(c[0], property))
					.as("%s.%s", c[0].getClass().getName(), property)
					.isEqualTo(org.thymeleaf.util.ExpressionUtils.isMemberForbidden(c[0], getter));
			}
		}
		assertThat(
				RememberedMemberChecks.CheckedPropertyAccessor.forbidden(Thread.currentThread(), "contextClassLoader"))
			.isTrue();
	}

	private ThymeleafEvaluationContext evaluation() {
		return new ThymeleafEvaluationContext(this.applicationContext, null);
	}

	private String render(String template, Map<String, Object> variables, StandardEvaluationContext evaluation) {
		Context context = new Context();
		context.setVariables(variables);
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME, evaluation);
		return this.engine.process(template, context);
	}

	public record Row(String subject) {

		public String getSubject() {
			return this.subject;
		}

		public boolean isEmpty() {
			return this.subject.isEmpty();
		}

	}

	public static class LoaderHolder {

		public String getContextClassLoader() {
			return "no loader here";
		}

	}

}
