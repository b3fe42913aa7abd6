namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// The config repo of the Git-revert end-to-end tests, as a team lays it out: <c>apps/api/base</c> with the Rollout
/// (spec.git naming the production overlay) and <c>apps/api/overlays/production</c> pinning each release's image.
/// </summary>
internal static class ApiConfigRepo
{
    public const string AppPath = "apps/api/overlays/production";

    /// <summary>The base: the Rollout with spec.git and <paramref name="steps"/> (a YAML list), plus any extra resources.</summary>
    public static Dictionary<string, string?> Base(string repoUrl, string revert, string steps, string? secret = null, IReadOnlyDictionary<string, string>? extraResources = null)
    {
        var extra = extraResources ?? new Dictionary<string, string>();
        var files = new Dictionary<string, string?>
        {
            ["apps/api/base/kustomization.yaml"] = $"resources: [{string.Join(", ", extra.Keys.Prepend("rollout.yaml"))}]\n",
            ["apps/api/base/rollout.yaml"] = $$"""
                apiVersion: canaryflow.io/v1alpha1
                kind: Rollout
                metadata:
                  name: api
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: api}
                  git:
                    repoURL: {{repoUrl}}
                    branch: main
                    path: {{AppPath}}
                    revert: {{revert}}
                    {{(secret is null ? "" : $"secretRef: {{name: {secret}}}")}}
                  template:
                    metadata:
                      labels: {app: api}
                    spec:
                      containers:
                      - name: api
                        image: registry.example/api:v0
                  strategy:
                    canary:
                      stableService: api-stable
                      canaryService: api-canary
                      steps: {{steps}}
                """,
        };
        foreach (var (name, content) in extra)
        {
            files["apps/api/base/" + name] = content;
        }

        return files;
    }

    /// <summary>
    /// The production overlay of one release: the namespace, the image tag and, when given, a JSON patch of the base
    /// Rollout (for example the version its analysis measures).
    /// </summary>
    public static Dictionary<string, string?> Overlay(string ns, string release, string? rolloutPatch = null)
    {
        var patches = rolloutPatch is null ? "" : """
            patches:
            - path: rollout-patch.yaml
              target: {kind: Rollout, name: api}
            """;
        var files = new Dictionary<string, string?>
        {
            [AppPath + "/kustomization.yaml"] = $"""
                namespace: {ns}
                resources: [../../base]
                images:
                - name: registry.example/api
                  newTag: {release}
                {patches}
                """,
        };
        if (rolloutPatch is not null)
        {
            files[AppPath + "/rollout-patch.yaml"] = rolloutPatch;
        }

        return files;
    }
}
