package dev.fahr.image;

import java.util.Locale;
import java.util.Set;

/**
 * Files that hold secrets and never go into a build context, whatever the Dockerfile or
 * .dockerignore says: anything in such a file would be readable in every layer of the pushed image.
 */
final class CredentialFiles {

    // Folders whose whole content is secret or private: cloud and registry logins, keys, VCS history.
    private static final Set<String> SECRET_FOLDERS = Set.of(
            ".aws", ".docker", ".git", ".ssh", ".gnupg", ".kube", ".azure", ".gcloud");
    private static final Set<String> SECRET_NAMES = Set.of(
            "settings.xml", "settings-security.xml", ".netrc", "_netrc", ".pypirc", ".npmrc",
            ".git-credentials", ".env", "credentials", "credentials.json", ".dockercfg");
    private static final Set<String> SECRET_SUFFIXES = Set.of(".pem", ".key", ".p12", ".pfx", ".jks", ".keystore");
    private static final Set<String> SECRET_PREFIXES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env.");

    private CredentialFiles() {
    }

    /** Whether a context-relative, '/'-separated path is, or lies in, a secret place. */
    static boolean isSecret(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (SECRET_FOLDERS.contains(segments[i].toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        String name = segments[segments.length - 1].toLowerCase(Locale.ROOT);
        return SECRET_FOLDERS.contains(name) // a file named .git (a worktree link) too
                || SECRET_NAMES.contains(name)
                || SECRET_SUFFIXES.stream().anyMatch(name::endsWith)
                || SECRET_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
