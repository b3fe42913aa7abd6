using CanaryFlow.LocalCluster.Tests.Conformance;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.LocalCluster.Tests.Crds;

/// <summary>
/// The Rollout CRD as the repository ships it (crds/rollout.yaml, never a copy) and Rollout manifests written the
/// way users write them.
/// </summary>
public static class RolloutManifests
{
    public const string CrdName = "rollouts.canaryflow.io";

    /// <summary>How kubectl names the resource in its messages, e.g. <c>rollout.canaryflow.io/api scaled</c>.</summary>
    public const string Resource = "rollout.canaryflow.io";

    public static string CrdPath { get; } = RepositoryRoot.File("crds", "rollout.yaml");

    /// <summary>Applies the CRD (a no-op when another test already did) and waits until its API is served.</summary>
    public static async Task InstallAsync(Kubectl kubectl)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        (await kubectl.RunAsync("apply", "-f", CrdPath)).ShouldSucceed();
        (await kubectl.RunAsync("wait", "--for=condition=Established", "crd/" + CrdName, "--timeout=30s")).ShouldSucceed();
    }

    /// <summary>A small Rollout: 5 replicas, a Service pair, a weight step and a timed pause.</summary>
    public static string Rollout(string ns, string name) => $"""
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: 5
          selector:
            matchLabels: {"{"}app: api{"}"}
          template:
            metadata:
              labels: {"{"}app: api{"}"}
            spec:
              containers:
              - name: api
                image: registry.example.com/api:1.2.3
          strategy:
            canary:
              stableService: api-stable
              canaryService: api-canary
              failurePolicy: abort
              steps:
              - setWeight: 20
              - pause: {"{"}duration: 5m{"}"}
        """;

    /// <summary>
    /// A spec that sets every field of the C# RolloutSpec and every step type (the example of
    /// rollout-semantics.md section 1, filled out): what the API server stores of it must be exactly this.
    /// </summary>
    public const string FullSpec = """
        replicas: 5
        selector:
          matchLabels: {app: api}
          matchExpressions:
          - {key: tier, operator: In, values: [web]}
        template:
          metadata:
            labels: {app: api, tier: web}
          spec:
            containers:
            - {name: api, image: registry.example.com/api:1.2.3}
        revisionHistoryLimit: 10
        progressDeadlineSeconds: 600
        progressDeadlineAbort: true
        paused: false
        restartAt: "2026-01-02T03:04:05Z"
        strategy:
          canary:
            stableService: api-stable
            canaryService: api-canary
            maxSurge: 25%
            maxUnavailable: 1
            trafficRouting:
              gatewayAPI: {httpRoute: api, namespace: production}
            steps:
            - setWeight: 20
            - pause: {duration: 5m}
            - pause: {duration: 30}
            - analysis:
                templates: [{templateName: success-rate, clusterScope: true}]
                args:
                - {name: service, value: api}
                - {name: hash, valueFrom: {podTemplateHashValue: Latest}}
            - setCanaryScale: {weight: 50}
            - setCanaryScale: {replicas: 2}
            - setCanaryScale: {matchTrafficWeight: true}
            - setWeight: 50
            - pause: {}
            analysis:
              templates: [{templateName: error-budget}]
              startingStep: 1
            abortScaleDownDelaySeconds: 30
            scaleDownDelaySeconds: 30
            failurePolicy: pause
        git:
          repoURL: https://git.example.com/org/app-config.git
          branch: main
          path: apps/api/overlays/production
          secretRef: {name: config-repo-credentials}
          revert: branch
        """;

    /// <summary>A status that sets every field of the C# RolloutStatus, as JSON for a merge patch of /status.</summary>
    public const string FullStatus = """
        {
          "observedGeneration": 2, "phase": "Paused", "message": "paused at step 1",
          "currentPodHash": "7c9f8d6b5", "stableRS": "5d4c3b2a1", "currentStepIndex": 1,
          "currentStepStartedAt": "2026-01-02T03:04:05Z", "lastProgressAt": "2026-01-02T03:05:00Z",
          "canary": {"weights": {"canary": 20, "stable": 80}, "currentStepAnalysisRun": "api-7c9f8d6b5-1",
                     "currentBackgroundAnalysisRun": "api-7c9f8d6b5-bg", "availableReplicas": 1},
          "abort": false, "abortedAt": "2026-01-01T00:00:00Z", "abortReason": "success-rate 0.91 < 0.95",
          "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-01-02T03:04:05Z"}],
          "controllerPause": true, "restartedAt": "2026-01-01T12:00:00Z", "promoteFull": false,
          "replicas": 6, "updatedReplicas": 1, "readyReplicas": 6, "availableReplicas": 6, "selector": "app=api",
          "conditions": [{"type": "Ready", "status": "False", "observedGeneration": 2,
                          "lastTransitionTime": "2026-01-02T03:04:05Z", "reason": "RolloutPaused", "message": "paused"}],
          "git": {"stableRevision": "0a1b2c3", "canaryRevision": "4d5e6f7", "revertCommit": "8a9b0c1",
                  "revertedAt": "2026-01-01T00:01:00Z", "rejected": ["6f5e4d3c2"]}
        }
        """;

    public static string WithSpec(string ns, string name, string spec) => $"""
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata:
          name: {name}
          namespace: {ns}
        spec:
        {Indent(spec)}
        """;

    public static async Task<string> CreateNamespaceAsync(Kubectl kubectl)
    {
        await InstallAsync(kubectl);
        return await kubectl.CreateNamespaceAsync("rollout");
    }

    private static string Indent(string yaml) => string.Join('\n', yaml.Split('\n').Select(line => "  " + line));
}
