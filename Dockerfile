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
RUN useradd --system --uid 10001 reform
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER reform
EXPOSE 8080
ENV TZ=Asia/Shanghai
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
