package io.github.chatstarter;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the main code, as README.md's "Modules" section states it. Each rule
 * names the layer it keeps in place; a new package is covered by the rules as soon as it
 * exists. Plain JUnit Jupiter tests (not {@code @ArchTest} fields), so
 * {@code -Dtest=ArchitectureTests} runs them like any other test class.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("io.github.chatstarter");

	private static final String OURS = "io.github.chatstarter..";

	/**
	 * Layers above {@code client}: the client, the model and the errors know none of
	 * them.
	 */
	private static final String[] ABOVE_CLIENT = { "io.github.chatstarter.routing..", "io.github.chatstarter.tool..",
			"io.github.chatstarter.prompt..", "io.github.chatstarter.memory..", "io.github.chatstarter.tokens..",
			"io.github.chatstarter.limit..", "io.github.chatstarter.state..", "io.github.chatstarter.autoconfigure.." };

	@Test
	void modelShouldDependOnNoOtherPackageOfOurs() {
		noClasses().that()
			.resideInAPackage("io.github.chatstarter.model..")
			.should()
			.dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage("io.github.chatstarter.model.."))))
			.check(MAIN_CLASSES);
	}

	@Test
	void errorShouldDependOnNoOtherPackageOfOurs() {
		noClasses().that()
			.resideInAPackage("io.github.chatstarter.error..")
			.should()
			.dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage("io.github.chatstarter.error.."))))
			.check(MAIN_CLASSES);
	}

	@Test
	void clientShouldNotDependOnTheLayersAboveIt() {
		noClasses().that()
			.resideInAPackage("io.github.chatstarter.client..")
			.should()
			.dependOnClassesThat(resideInAnyPackage(ABOVE_CLIENT))
			.check(MAIN_CLASSES);
	}

	@Test
	void clientShouldUseNoSpringBootButItsSslBundles() {
		noClasses().that()
			.resideInAPackage("io.github.chatstarter.client..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.springframework.boot..")
				.and(not(resideInAPackage("org.springframework.boot.ssl.."))))
			.check(MAIN_CLASSES);
	}

	@Test
	void onlyAutoconfigureShouldUseAutoconfigure() {
		noClasses().that()
			.resideOutsideOfPackage("io.github.chatstarter.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.chatstarter.autoconfigure..")
			.check(MAIN_CLASSES);
	}

	@Test
	void theApiShouldNotExposeInternalTypes() {
		methods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.resideOutsideOfPackage("..internal..")
			.should(new ArchCondition<JavaMethod>("not take or return a type of an internal package") {

				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
					types.add(method.getRawReturnType());
					types.stream()
						.filter((type) -> type.getPackageName().contains(".internal"))
						.forEach((type) -> events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " exposes the internal type " + type.getName())));
				}

			})
			.check(MAIN_CLASSES);
	}

	@Test
	void packagesShouldBeFreeOfCycles() {
		slices().assignedFrom(new TopLevelPackages()).should().beFreeOfCycles().check(MAIN_CLASSES);
	}

	/**
	 * One slice per package directly below {@code io.github.chatstarter} (its
	 * sub-packages included), and one for the root package itself ({@code ChatTemplate}),
	 * which the usual {@code (*)..} pattern leaves out.
	 */
	private static final class TopLevelPackages implements SliceAssignment {

		private static final String ROOT = "io.github.chatstarter";

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			if (name.equals(ROOT)) {
				return SliceIdentifier.of("(root)");
			}
			if (!name.startsWith(ROOT + ".")) {
				return SliceIdentifier.ignore();
			}
			String rest = name.substring(ROOT.length() + 1);
			int dot = rest.indexOf('.');
			return SliceIdentifier.of((dot < 0) ? rest : rest.substring(0, dot));
		}

		@Override
		public String getDescription() {
			return "packages directly below " + ROOT;
		}

	}

}
