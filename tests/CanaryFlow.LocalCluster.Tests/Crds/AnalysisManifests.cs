using CanaryFlow.LocalCluster.Tests.Conformance;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.LocalCluster.Tests.Crds;

/// <summary>
/// The analysis CRDs as the repository ships them (the whole crds/ directory, applied the way the README installs
/// it) and AnalysisTemplate, ClusterAnalysisTemplate and AnalysisRun manifests written the way users and the
/// controller write them.
/// </summary>
public static class AnalysisManifests
{
    public const string TemplateCrd = "analysistemplates.canaryflow.io";
    public const string ClusterTemplateCrd = "clusteranalysistemplates.canaryflow.io";
    public const string RunCrd = "analysisruns.canaryflow.io";

    public static string CrdDirectory { get; } = RepositoryRoot.File("crds");

    /// <summary><c>kubectl apply -k crds/</c> (a no-op when another test already did) and waits until every API is served.</summary>
    public static async Task InstallAsync(Kubectl kubectl)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        (await kubectl.RunAsync("apply", "-k", CrdDirectory)).ShouldSucceed();
        (await kubectl.RunAsync("wait", "--for=condition=Established", "crd/" + RolloutManifests.CrdName, "crd/" + TemplateCrd, "crd/" + ClusterTemplateCrd, "crd/" + RunCrd, "--timeout=30s"))
            .ShouldSucceed();
    }

    public static async Task<string> CreateNamespaceAsync(Kubectl kubectl)
    {
        await InstallAsync(kubectl);
        return await kubectl.CreateNamespaceAsync("analysis");
    }

    /// <summary>
    /// A template spec that sets every field of the C# AnalysisTemplateSpec: a Prometheus metric with headers and
    /// each kind of authentication, a web metric (POST with a body, headers, a JSONPath) and every kind of argument.
    /// What the API server stores of it must be exactly this.
    /// </summary>
    public const string FullTemplateSpec = """
        args:
        - name: service
          value: api
        - name: api-token
          valueFrom:
            secretKeyRef: {name: analysis-credentials, key: token}
        - name: canary-hash
          valueFrom: {podTemplateHashValue: Latest}
        metrics:
        - name: success-rate
          interval: 1m
          count: 5
          initialDelay: 30s
          successCondition: result[0] >= 0.95
          failureCondition: result[0] < 0.9
          failureLimit: 1
          inconclusiveLimit: 2
          consecutiveErrorLimit: 4
          provider:
            prometheus:
              address: http://prometheus.monitoring:9090
              query: sum(rate(http_requests_total{service="{{args.service}}",code!~"5.."}[1m])) / sum(rate(http_requests_total{service="{{args.service}}"}[1m]))
              timeout: 10s
              headers:
              - {key: X-Scope-OrgID, value: team-a}
              authentication:
                bearerTokenSecretRef: {name: prometheus-credentials, key: token}
        - name: latency
          interval: 30s
          count: "3"
          successCondition: result[0] < 0.5
          failureLimit: -1
          provider:
            prometheus:
              address: https://thanos.monitoring:9090
              query: histogram_quantile(0.99, sum(rate(request_seconds_bucket{hash="{{args.canary-hash}}"}[1m])) by (le))
              authentication:
                basic:
                  username: analysis
                  passwordSecretRef: {name: prometheus-credentials, key: password}
        - name: smoke
          successCondition: result == true
          provider:
            web:
              url: https://smoke.example.com/check?hash={{args.canary-hash}}
              method: POST
              headers:
              - {key: Authorization, value: "Bearer {{args.api-token}}"}
              - {key: Content-Type, value: application/json}
              body: '{"service": "{{args.service}}"}'
              jsonPath: "{$.ok}"
              timeoutSeconds: 5
        dryRun:
        - metricName: latency
        measurementRetention:
        - {metricName: "*", limit: 20}
        """;

    /// <summary>A run spec as the controller writes it: merged metrics, resolved arguments, terminate set.</summary>
    public const string FullRunSpec = """
        metrics:
        - name: smoke
          interval: 10s
          count: 2
          successCondition: result == true
          provider:
            web:
              url: https://smoke.example.com/check?hash=7c9f8d6b5
              headers:
              - {key: Authorization, value: "Bearer {{args.api-token}}"}
              jsonPath: "{$.ok}"
        args:
        - name: api-token
          valueFrom:
            secretKeyRef: {name: analysis-credentials, key: token}
        - {name: canary-hash, value: 7c9f8d6b5}
        dryRun:
        - metricName: smoke
        measurementRetention:
        - {metricName: smoke, limit: 5}
        terminate: true
        """;

    /// <summary>A status that sets every field of the C# AnalysisRunStatus, as JSON for a merge patch of /status.</summary>
    public const string FullRunStatus = """
        {
          "phase": "Failed", "message": "metric success-rate: value [0.91] failed successCondition: result[0] >= 0.95",
          "startedAt": "2026-01-02T03:04:05Z",
          "metricResults": [{
            "name": "success-rate", "phase": "Failed", "message": "2 failed measurements, limit 1", "dryRun": false,
            "count": 3, "successful": 1, "failed": 2, "inconclusive": 0, "error": 1, "consecutiveError": 0,
            "measurements": [
              {"phase": "Successful", "startedAt": "2026-01-02T03:04:05Z", "finishedAt": "2026-01-02T03:04:06Z", "value": "[0.97]",
               "query": "sum(rate(x{token=\"*****\"}[1m]))", "condition": "successCondition: result[0] >= 0.95"},
              {"phase": "Error", "startedAt": "2026-01-02T03:05:05Z", "finishedAt": "2026-01-02T03:05:15Z",
               "query": "sum(rate(x{token=\"*****\"}[1m]))", "message": "did not answer within 10s"}
            ]
          }]
        }
        """;

    public static string Template(string ns, string name, string spec) => Object("AnalysisTemplate", $"  name: {name}\n  namespace: {ns}", spec);

    public static string ClusterTemplate(string name, string spec) => Object("ClusterAnalysisTemplate", $"  name: {name}", spec);

    public static string Run(string ns, string name, string spec) => Object("AnalysisRun", $"  name: {name}\n  namespace: {ns}", spec);

    /// <summary>A template with one web metric, for tests that change one line of it.</summary>
    public static string SmallTemplate(string ns, string name) => Template(ns, name, """
        metrics:
        - name: smoke
          interval: 30s
          count: 3
          failureLimit: 0
          successCondition: result == true
          provider:
            web:
              url: http://smoke.test/check
              method: GET
              timeoutSeconds: 5
        measurementRetention:
        - {metricName: smoke, limit: 10}
        """);

    private static string Object(string kind, string metadata, string spec) => $"""
        apiVersion: canaryflow.io/v1alpha1
        kind: {kind}
        metadata:
        {metadata}
        spec:
        {Indent(spec)}
        """;

    private static string Indent(string yaml) => string.Join('\n', yaml.Split('\n').Select(line => "  " + line));
}
