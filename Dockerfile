# Container image of one Windshift service. Build from the repository root (the Maven reactor needs all poms):
#   docker build --build-arg MODULE=alliance-service -t windshift/alliance-service .
# docker-compose.yml builds each service with "build: {context: ., args: {MODULE: <service>}}".

# ---- build stage: the module and what it depends on, tests skipped (CI runs them: ./windshift test)
FROM maven:3.9-eclipse-temurin-21 AS build
ARG MODULE
RUN test -n "$MODULE" || { echo "build with --build-arg MODULE=<service module>" >&2; exit 1; }
WORKDIR /src
# 1) Only the poms, then a build of empty modules: downloads dependencies and plugins into a layer
#    that stays cached until a pom changes. Failures here are harmless (the real build follows).
COPY pom.xml ./
COPY windshift-contract/pom.xml windshift-contract/
COPY windshift-messaging/pom.xml windshift-messaging/
COPY windshift-service-kit/pom.xml windshift-service-kit/
COPY alliance-service/pom.xml alliance-service/
COPY obligation-service/pom.xml obligation-service/
COPY notification-service/pom.xml notification-service/
COPY console/pom.xml console/
COPY gateway/pom.xml gateway/
COPY local-kafka/pom.xml local-kafka/
COPY local-platform/pom.xml local-platform/
COPY end-to-end-tests/pom.xml end-to-end-tests/
RUN mvn -B -q -Dmaven.repo.local=/m2 -pl "$MODULE" -am -DskipTests -Dspring-boot.repackage.skip=true package || true
# 2) The sources, the real build, and the executable jar extracted for a faster start.
COPY . .
RUN mvn -B -Dmaven.repo.local=/m2 -pl "$MODULE" -am -DskipTests package \
 && java -Djarmode=tools -jar "$MODULE"/target/"$MODULE"-*-exec.jar extract --destination /out \
 && mv /out/"$MODULE"-*-exec.jar /out/app.jar

# ---- runtime stage: JRE only, non-root
FROM eclipse-temurin:21-jre
# curl serves the readiness health check in docker-compose.yml
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system windshift \
 && useradd --system --uid 10001 --gid windshift --home-dir /app --shell /usr/sbin/nologin windshift
WORKDIR /app
COPY --from=build --chown=root:root /out/ /app/
# Numeric, so Kubernetes can verify runAsNonRoot (the pods set runAsUser: 10001).
USER 10001
ENV SERVER_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# exec: the JVM is PID 1 and receives SIGTERM for a graceful shutdown
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "--"]
