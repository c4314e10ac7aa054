package io.coapscli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** A third-party program a test needs: skipped where it is not installed, except under CI=true, where that fails. */
public final class RequiredProgram {

    private RequiredProgram() {
    }

    /** The program's path on PATH, or the test is skipped (locally) or failed (in CI). */
    public static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = program + " is not installed (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; CI must run this test");
        }
        Assumptions.abort(reason);
        return null;
    }
}
