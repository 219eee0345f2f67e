# Builds the platform from this repository and runs it on a JRE (used by docker-compose.yml).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY processes/ processes/
COPY forms/ forms/
RUN ./mvnw -B -q -DskipTests package && cp target/reform-platform-*.jar /src/app.jar

FROM eclipse-temurin:17-jre
# curl: the health check of docker-compose.yml (GET /actuator/health/readiness: a mail server that is down must not take a node out); fontconfig: Excel column widths
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl fontconfig \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 reform
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER reform
EXPOSE 8080
ENV TZ=Asia/Shanghai
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=5 \
    CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
