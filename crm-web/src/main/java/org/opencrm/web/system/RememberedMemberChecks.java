package org.opencrm.web.system;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.model.ITemplateEnd;
import org.thymeleaf.model.ITemplateStart;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.templateboundaries.AbstractTemplateBoundariesProcessor;
import org.thymeleaf.processor.templateboundaries.ITemplateBoundariesStructureHandler;
import org.thymeleaf.spring6.expression.IThymeleafEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.util.ExpressionUtils;

/**
 * Thymeleaf's check of every property a template reads ({@code ${line.subject}}) against
 * its list of blocked types, remembered per class and member instead of repeated on each
 * read.
 * <p>
 * Thymeleaf 3.1 asks {@link ExpressionUtils#isMemberForbidden} before every JavaBean
 * read, and that walks its package prefixes and blocked super types each time; SpEL also
 * never reuses the accessor it found for a property (the optimised accessor it keeps is
 * not in the context's list, so the next read looks it up again). On the service queue
 * that was a seventh of the request's CPU. The answer depends only on the target's class
 * (or the class itself for a static call) and the member's name, so it is kept in a map
 * per class. Reads are checked the same way as before, on the first read of an expression
 * and on every read after it, whatever the target.
 * <p>
 * At the start of each template this swaps Thymeleaf's checked reflective accessor in the
 * page's evaluation context for {@link CheckedPropertyAccessor}; the context's other
 * accessors, its method resolvers and its type locator stay Thymeleaf's. Should a later
 * Thymeleaf keep its lists fixed, its own checks simply stay in place
 * ({@code RememberedMemberChecksTest} then fails, to say so).
 */
@Component
class RememberedMemberChecks extends AbstractProcessorDialect {

	static final CheckedPropertyAccessor ACCESSOR = new CheckedPropertyAccessor();

	RememberedMemberChecks() {
		super("remembered-member-checks", "crm-checks", 0);
	}

	@Override
	public Set<IProcessor> getProcessors(String dialectPrefix) {
		return Set.of(new UseCheckedAccessor());
	}

	/**
	 * Puts {@link #ACCESSOR} in place of the page's reflective accessor, in both of the
	 * context's modes: the restricted one (default attributes such as {@code th:hx-get},
	 * {@code th:attr}, {@code th:utext}) keeps a list of its own.
	 */
	static void useCheckedAccessor(ITemplateContext context) {
		if (!(context.getVariable(
				ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME) instanceof IThymeleafEvaluationContext evaluation)) {
			return;
		}
		boolean restricted = evaluation.isVariableAccessRestricted();
		try {
			evaluation.setVariableAccessRestricted(false);
			useCheckedAccessor(evaluation.getPropertyAccessors());
			evaluation.setVariableAccessRestricted(true);
			useCheckedAccessor(evaluation.getPropertyAccessors());
		}
		finally {
			evaluation.setVariableAccessRestricted(restricted);
		}
	}

	private static void useCheckedAccessor(List<PropertyAccessor> accessors) {
		for (int i = 0; i < accessors.size(); i++) {
			if (accessors.get(i) instanceof ReflectivePropertyAccessor accessor && accessor != ACCESSOR) {
				try {
					accessors.set(i, ACCESSOR);
				}
				catch (UnsupportedOperationException fixedList) {
					// Thymeleaf's own checks stay: the same answers, only slower.
					return;
				}
			}
		}
	}

	private static final class UseCheckedAccessor extends AbstractTemplateBoundariesProcessor {

		UseCheckedAccessor() {
			super(TemplateMode.HTML, 0);
		}

		@Override
		public void doProcessTemplateStart(ITemplateContext context, ITemplateStart templateStart,
				ITemplateBoundariesStructureHandler structureHandler) {
			useCheckedAccessor(context);
		}

		@Override
		public void doProcessTemplateEnd(ITemplateContext context, ITemplateEnd templateEnd,
				ITemplateBoundariesStructureHandler structureHandler) {
		}

	}

	/**
	 * A read-only reflective accessor that refuses what Thymeleaf's own refuses, asking
	 * {@link ExpressionUtils#isMemberForbidden} once per class and member. It is its own
	 * optimised accessor, so SpEL keeps it for the expression and reads through it next
	 * time (still checked) without looking the property up again.
	 */
	static final class CheckedPropertyAccessor extends ReflectivePropertyAccessor {

		private static final ClassValue<Map<String, Boolean>> INSTANCE_MEMBERS = answers();

		private static final ClassValue<Map<String, Boolean>> STATIC_MEMBERS = answers();

		private CheckedPropertyAccessor() {
			super(false);
		}

		@Override
		public boolean canRead(EvaluationContext context, Object target, String name) throws AccessException {
			if (!super.canRead(context, target, name)) {
				return false;
			}
			refuseIfForbidden(target, name);
			return true;
		}

		@Override
		public TypedValue read(EvaluationContext context, Object target, String name) throws AccessException {
			refuseIfForbidden(target, name);
			return super.read(context, target, name);
		}

		@Override
		public PropertyAccessor createOptimalAccessor(EvaluationContext context, Object target, String name) {
			return this;
		}

		private static void refuseIfForbidden(Object target, String name) {
			if (target != null && forbidden(target, name)) {
				throw new EvaluationException(
						"Accessing member '%s' is forbidden for type '%s' in this expression context.".formatted(name,
								target.getClass()));
			}
		}

		/** The getter Thymeleaf checks for a property, as its own accessor names it. */
		private static String getter(String name) {
			String prefix = "empty".equals(name) || "blank".equals(name) ? "is" : "get";
			return prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
		}

		/**
		 * Whether reading the property is refused; kept by property name, as it names one
		 * getter.
		 */
		static boolean forbidden(Object target, String property) {
			Map<String, Boolean> answers = target instanceof Class<?> type ? STATIC_MEMBERS.get(type)
					: INSTANCE_MEMBERS.get(target.getClass());
			Boolean answer = answers.get(property);
			if (answer == null) {
				answer = ExpressionUtils.isMemberForbidden(target, getter(property));
				answers.put(property, answer);
			}
			return answer;
		}

		private static ClassValue<Map<String, Boolean>> answers() {
			return new ClassValue<>() {
				@Override
				protected Map<String, Boolean> computeValue(Class<?> type) {
					return new ConcurrentHashMap<>();
				}
			};
		}

	}

}
