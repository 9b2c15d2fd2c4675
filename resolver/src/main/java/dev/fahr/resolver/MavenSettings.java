package dev.fahr.resolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * settings.xml, read by Maven's own settings builder (so that interpolation, global/user merging and
 * validation match {@code mvn}), turned into the selectors Maven Resolver applies. Mirrors, proxies and
 * credentials are matched by Resolver's own selectors, which implement {@code mirrorOf} patterns
 * ({@code *}, {@code external:*}, comma lists, {@code !id}) and {@code nonProxyHosts} exactly as Maven does.
 */
final class MavenSettings {

    private final Settings settings;

    private MavenSettings(Settings settings) {
        this.settings = settings;
    }

    /** A missing file is no settings, as for {@code mvn}; a malformed one is an error naming its line. */
    static MavenSettings read(Path userSettings, Path globalSettings) throws ResolutionException {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        if (userSettings != null) {
            request.setUserSettingsFile(userSettings.toFile());
        }
        if (globalSettings != null) {
            request.setGlobalSettingsFile(globalSettings.toFile());
        }
        request.setSystemProperties(interpolationProperties());
        try {
            return new MavenSettings(new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings());
        } catch (SettingsBuildingException e) {
            StringBuilder message = new StringBuilder("cannot read Maven settings");
            for (SettingsProblem problem : e.getProblems()) {
                message.append("\n  ").append(problem.getSource()).append(" line ").append(problem.getLineNumber())
                        .append(": ").append(problem.getMessage());
            }
            throw new ResolutionException(message.append("\nfix the file or point to another one").toString(), e);
        }
    }

    // Maven interpolates ${user.home} and ${env.NAME} in settings.xml; the env.* keys come from here.
    private static Properties interpolationProperties() {
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            properties.setProperty("env." + e.getKey(), e.getValue());
        }
        return properties;
    }

    Path localRepository() {
        String local = settings.getLocalRepository();
        return local == null || local.isBlank() ? null : Path.of(local.strip());
    }

    boolean offline() {
        return settings.isOffline();
    }

    MirrorSelector mirrorSelector() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror mirror : settings.getMirrors()) {
            selector.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(),
                    mirror.getMirrorOf(), mirror.getMirrorOfLayouts());
        }
        return selector;
    }

    ProxySelector proxySelector() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()) {
                continue;
            }
            Authentication auth = proxy.getUsername() == null ? null
                    : new AuthenticationBuilder().addUsername(proxy.getUsername()).addPassword(proxy.getPassword()).build();
            selector.add(new Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(), auth), proxy.getNonProxyHosts());
        }
        return selector;
    }

    /** Credentials by {@code <server><id>}; matched against the repository's id, or its mirror's once mirrored. */
    AuthenticationSelector authenticationSelector() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server server : settings.getServers()) {
            if (server.getUsername() == null && server.getPassword() == null && server.getPrivateKey() == null) {
                continue;
            }
            AuthenticationBuilder auth = new AuthenticationBuilder()
                    .addUsername(server.getUsername()).addPassword(server.getPassword());
            if (server.getPrivateKey() != null) {
                auth.addPrivateKey(server.getPrivateKey(), server.getPassphrase());
            }
            selector.add(server.getId(), auth.build());
        }
        return selector;
    }

    /** Repositories of the profiles that are active by {@code <activeProfiles>} or {@code activeByDefault}. */
    List<Repository> profileRepositories() {
        List<Repository> repositories = new ArrayList<>();
        for (Profile profile : settings.getProfiles()) {
            boolean active = settings.getActiveProfiles().contains(profile.getId())
                    || (profile.getActivation() != null && profile.getActivation().isActiveByDefault());
            if (active) {
                for (org.apache.maven.settings.Repository repository : profile.getRepositories()) {
                    repositories.add(new Repository(repository.getId(), repository.getUrl()));
                }
            }
        }
        return repositories;
    }
}
