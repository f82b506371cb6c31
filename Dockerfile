# Build with the SDK, run on the ASP.NET Core runtime image (the health and metrics listener uses Kestrel) as the
# non-root "app" user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ChatCoach.sln ./
COPY src/ src/
COPY data/ data/
# For the build machine's own platform, so every assembly is precompiled (ReadyToRun): a third less CPU from start to
# the first answer (docs/operations.md).
RUN dotnet publish src/ChatCoach/ChatCoach.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
# The database lives on a volume; tokens come from the environment (Telegram__Token, Discord__Token).
RUN mkdir -p /data && chown "$APP_UID" /data
ENV Storage__Path=/data/chatcoach.db \
    DOTNET_NOLOGO=1
VOLUME ["/data"]
USER $APP_UID
ENTRYPOINT ["dotnet", "ChatCoach.dll"]
