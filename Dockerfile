# Build: the Maven wrapper fetches Maven and every dependency from Maven Central.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-kernel shared-kernel
COPY command-side command-side
COPY query-side query-side
COPY app app
RUN ./mvnw -B -ntp -q -DskipTests package

# Run: external PostgreSQL and Redis come from the environment (see docker-compose.yml).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 hindsight
WORKDIR /opt/hindsight
COPY --from=build /src/app/target/hindsight.jar hindsight.jar
USER hindsight
ENV HINDSIGHT_DATA_DIR=/opt/hindsight/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
    CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "hindsight.jar"]
