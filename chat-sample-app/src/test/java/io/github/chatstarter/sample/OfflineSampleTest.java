package io.github.chatstarter.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole sample on a random port, offline: the key variables are blanked so the demo
 * upstream answers even where real keys are set. Test classes with this annotation share
 * one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "XINGYUN_API_KEY=", "AIGC2D_API_KEY=", "AIGS_API_KEY=" })
public @interface OfflineSampleTest {

}
