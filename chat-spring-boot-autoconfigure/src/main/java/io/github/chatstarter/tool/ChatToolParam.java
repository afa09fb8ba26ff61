package io.github.chatstarter.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a parameter of a {@link ChatTool} method to the model.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ChatToolParam {

	/**
	 * What the parameter means, as the model reads it.
	 */
	String description() default "";

	/**
	 * Whether the model must give the parameter; an {@code Optional} parameter never is.
	 */
	boolean required() default true;

	/**
	 * Name of the parameter in the arguments; the Java name when empty (compile with
	 * {@code -parameters}).
	 */
	String name() default "";

}
