using System.Globalization;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// apps/storefront/overlays/demo, written into the demo's config repo beside staging and production: the demo's
/// namespace, short steps, the local repository in <c>spec.git</c>, and the analysis pointed at the demo's
/// Prometheus, or, without one, at the apps' own /stats through the web provider.
/// </summary>
public sealed record DemoOverlay(string Namespace, string RepoUrl, DemoTimings Timings, Uri? PrometheusAddress, string WebStatsUrl)
{
    public const string Path = "apps/storefront/overlays/demo";
    public const string Image = "registry.example.com/shop/storefront";

    /// <summary>The files, by name, as the overlay directory holds them.</summary>
    public IReadOnlyDictionary<string, string> Files() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kustomization.yaml"] = Kustomization("v1"),
        ["namespace.yaml"] = $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {Namespace}

            """,
        ["rollout-patch.yaml"] = RolloutPatch(),
        ["success-rate-patch.yaml"] = MetricPatch("$.successRate", "result >= 0.99"),
        ["latency-p99-patch.yaml"] = MetricPatch("$.p99LatencySeconds", "result <= 0.5"),
    };

    /// <summary>The kustomization releasing <paramref name="version"/> (the line CI's <c>kustomize edit set image</c> changes).</summary>
    public string Kustomization(string version) => $"""
        # The overlay `dotnet run --project src/CanaryFlow.Controller -- demo` syncs: short steps for a live demo,
        # the local config repo in spec.git, and the analysis pointed at the demo's own Prometheus or apps.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: {Namespace}
        resources:
        - namespace.yaml
        - ../../base
        images:
        - name: {Image}
          newTag: {version}
        patches:
        - path: rollout-patch.yaml
        - path: success-rate-patch.yaml
          target:
            kind: AnalysisTemplate
            name: success-rate
        - path: latency-p99-patch.yaml
          target:
            kind: AnalysisTemplate
            name: latency-p99

        """;

    private string RolloutPatch() => string.Create(CultureInfo.InvariantCulture, $$"""
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata:
          name: storefront
        spec:
          replicas: 2
          progressDeadlineSeconds: 120
          strategy:
            canary:
              abortScaleDownDelaySeconds: {{Timings.ScaleDownDelaySeconds}}
              scaleDownDelaySeconds: {{Timings.ScaleDownDelaySeconds}}
              steps:
              - setWeight: 20
              - pause: {duration: {{Timings.PauseSeconds}}s}
              - analysis:
                  templates:
                  - templateName: success-rate
                  - templateName: latency-p99
                  args:
                  - name: canary-hash
                    valueFrom:
                      podTemplateHashValue: Latest
                  - name: window
                    value: {{Timings.RateWindow}}
              - setWeight: 50
              - pause: {duration: {{Timings.PauseSeconds}}s}
          git:
            repoURL: {{RepoUrl}}
            path: {{Path}}
            # A local repository needs no credentials.
            secretRef: null

        """);

    /// <summary>JSON patch operations for a template's one metric: the demo's pace, and its metrics source.</summary>
    private string MetricPatch(string jsonPath, string webCondition)
    {
        List<string> operations =
        [
            $"- {{op: replace, path: /spec/metrics/0/interval, value: {Timings.AnalysisInterval}}}",
            $"- {{op: add, path: /spec/metrics/0/initialDelay, value: {Timings.AnalysisInitialDelay}}}",
        ];
        if (PrometheusAddress is { } address)
        {
            operations.Add($"- {{op: replace, path: /spec/metrics/0/provider/prometheus/address, value: \"{address.ToString().TrimEnd('/')}\"}}");
        }
        else
        {
            // The same figures from the apps' own stats: the web provider answers a number, not a vector.
            operations.Add($"- {{op: replace, path: /spec/metrics/0/provider, value: {{web: {{url: \"{WebStatsUrl}\", jsonPath: \"{{{jsonPath}}}\", timeoutSeconds: 5}}}}}}");
            operations.Add($"- {{op: replace, path: /spec/metrics/0/successCondition, value: \"{webCondition}\"}}");
        }

        return string.Join("\n", operations) + "\n";
    }
}
