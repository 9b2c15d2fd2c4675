package dev.fahr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.fahr.testing.aws.AwsProtocolServer;
import dev.fahr.testing.aws.AwsTestCredentials;
import dev.fahr.testing.aws.FakeCloudWatchLogs;
import dev.fahr.testing.aws.FakeEcr;
import dev.fahr.testing.aws.FakePricing;
import dev.fahr.testing.aws.FakeSageMaker;
import dev.fahr.testing.aws.FakeSts;
import dev.fahr.testing.Services;
import dev.fahr.testing.aws.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SageMaker protocol test server, S3Proxy, the Docker engine and the registry, for a {@code fahr}
 * subprocess: {@link #configure} passes the test-only endpoint overrides as {@code -D} options and the
 * credentials as AWS_* variables, as a user's shell would hold them.
 */
final class FakeAws implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    final Services services = Services.require();
    final S3ProxyServer s3Proxy;
    final S3Client s3;
    final DockerClient docker;
    final FakeCloudWatchLogs logs = new FakeCloudWatchLogs();
    final FakeSageMaker sageMaker;
    final FakePricing pricing = new FakePricing();
    final AwsProtocolServer server;
    final Path home;

    FakeAws(String bucket, String roleName) throws Exception {
        s3Proxy = new S3ProxyServer(AwsTestCredentials.ACCESS_KEY, AwsTestCredentials.SECRET_KEY);
        s3 = s3Proxy.client();
        s3.createBucket(r -> r.bucket(bucket));
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
        AuthConfig registryAuth = new AuthConfig().withUsername(services.registryUser())
                .withPassword(services.registryPassword()).withRegistryAddress("https://" + services.registry());
        sageMaker = new FakeSageMaker(ACCOUNT, REGION, docker, registryAuth, s3, logs,
                Files.createTempDirectory("fahr-cli-sagemaker-"))
                .allowRole("arn:aws:iam::" + ACCOUNT + ":role/" + roleName);
        server = new AwsProtocolServer().register(sageMaker)
                .register(new FakeEcr(services.registry(), services.registryPassword(), ACCOUNT)).register(logs)
                .registerSts(new FakeSts(ACCOUNT)).registerCloudWatch(sageMaker.cloudWatch()).register(pricing);
        home = Files.createTempDirectory("fahr-cli-home-");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "");
        Files.writeString(home.resolve(".aws/credentials"), "");
    }

    /** A fahr process that reaches the fakes, with credentials in the environment. */
    FahrProcess configure(FahrProcess fahr) {
        for (String service : new String[] {"sagemaker", "ecr", "logs", "sts", "cloudwatch", "pricing"}) {
            fahr.property("fahr.aws.endpoint." + service, server.endpoint().toString());
        }
        fahr.property("fahr.aws.endpoint.s3", s3Proxy.endpoint().toString());
        return fahr.env("HOME", home.toString())
                .env("AWS_CONFIG_FILE", home.resolve(".aws/config").toString())
                .env("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString())
                .env("AWS_ACCESS_KEY_ID", AwsTestCredentials.ACCESS_KEY)
                .env("AWS_SECRET_ACCESS_KEY", AwsTestCredentials.SECRET_KEY)
                .env("AWS_REGION", REGION);
    }

    /**
     * default-gpu's Python base, pytorch/pytorch, cannot be pulled here (no registry is reachable): an
     * offline stand-in is built from the python:3.11-slim stand-in, with a {@code pip} that installs
     * nothing and fails if a requirements file names a package. Never replaces a real image.
     */
    static void ensurePythonGpuStandIn(DockerClient docker) throws Exception {
        String image = "pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime";
        try {
            docker.inspectImageCmd(image).exec();
            return;
        } catch (com.github.dockerjava.api.exception.NotFoundException absent) {
            // build it below
        }
        Path context = Files.createTempDirectory("fahr-pytorch-standin-");
        Files.writeString(context.resolve("pip"), """
                #!/bin/sh
                # Offline pip stand-in: no package index is reachable, so it installs nothing.
                set -e
                file=
                while [ $# -gt 0 ]; do [ "$1" = -r ] && file=$2; shift; done
                if [ -n "$file" ] && grep -vqE '^[[:space:]]*(#|$)' "$file"; then
                  echo "offline pip stand-in: cannot install $(grep -vE '^[[:space:]]*(#|$)' "$file" | tr '\\n' ' ')" >&2
                  exit 1
                fi
                mkdir -p /opt/fahr && cp "$file" /opt/fahr/pip-installed.txt
                echo "offline pip stand-in: nothing to install from $file"
                """);
        Files.writeString(context.resolve("Dockerfile"), """
                FROM python:3.11-slim
                COPY pip /usr/local/bin/pip
                RUN chmod 755 /usr/local/bin/pip
                LABEL dev.fahr.offline-standin=true
                """);
        docker.buildImageCmd(context.toFile()).withTags(Set.of(image)).withPull(false)
                .exec(new BuildImageResultCallback()).awaitImageId();
    }

    @Override
    public void close() throws Exception {
        server.close();
        sageMaker.close();
        s3.close();
        s3Proxy.close();
        docker.close();
    }
}
