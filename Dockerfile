# The CanaryFlow controller image. Build from the repository root: docker build -t canaryflow/controller .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore in its own layer, from the project files alone, so a source change does not download packages again.
COPY CanaryFlow.sln Directory.Build.props Directory.Packages.props ./
COPY src/CanaryFlow.Kubernetes/CanaryFlow.Kubernetes.csproj src/CanaryFlow.Kubernetes/
COPY src/CanaryFlow.Core/CanaryFlow.Core.csproj src/CanaryFlow.Core/
COPY src/CanaryFlow.LocalCluster/CanaryFlow.LocalCluster.csproj src/CanaryFlow.LocalCluster/
COPY src/CanaryFlow.Controller/CanaryFlow.Controller.csproj src/CanaryFlow.Controller/
RUN dotnet restore src/CanaryFlow.Controller/CanaryFlow.Controller.csproj

COPY src/ src/
RUN dotnet publish src/CanaryFlow.Controller/CanaryFlow.Controller.csproj --no-restore -c Release -o /app

# The official kubectl image (its binary is /bin/kubectl): `kubectl kustomize` renders kustomize paths for the GitOps
# revert. Its version is the one the tests run.
FROM registry.k8s.io/kubectl:v1.32.4 AS kubectl

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# git is what the GitOps revert runs, ssh what git runs for ssh:// and git@ remotes (deploy keys; git only recommends
# the client, which --no-install-recommends leaves out), and kubectl (below) what builds kustomize paths. Nothing else
# is added to the runtime image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git openssh-client \
    && rm -rf /var/lib/apt/lists/*
COPY --from=kubectl /bin/kubectl /usr/local/bin/kubectl

WORKDIR /app
COPY --from=build /app ./

# The image's own non-root user (uid 1654); the Deployment also sets runAsNonRoot.
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/CanaryFlow.Controller.dll"]
