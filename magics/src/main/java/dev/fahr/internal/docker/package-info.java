/**
 * fahr's connection to a Docker engine, opened one way for building, pushing and running: the image build,
 * the SageMaker driver's push and the local driver's containers all go through {@link
 * dev.fahr.internal.docker.DockerEngine}. Internal (Jib's api/internal split): its types hand out
 * docker-java's client to fahr's own packages and are not part of fahr's API.
 */
package dev.fahr.internal.docker;
