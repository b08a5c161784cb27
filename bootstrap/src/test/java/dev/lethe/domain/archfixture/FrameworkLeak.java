package dev.lethe.domain.archfixture;

import com.google.inject.Inject;

/** A deliberately bad "domain" class: the architecture rules must reject it. */
public class FrameworkLeak {
    @Inject
    public FrameworkLeak() {
        dev.lethe.bootstrap.Main.commandLine(java.time.Clock.systemUTC());
    }
}
