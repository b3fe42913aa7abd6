namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>The YAML the end-to-end tests apply with kubectl.</summary>
internal static class RolloutManifests
{
    public static string Services(string ns) => $"""
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: api-stable, namespace: {ns}{"}"}
        spec: {"{"}selector: {"{"}app: api{"}"}, ports: [{"{"}port: 80{"}"}]{"}"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: api-canary, namespace: {ns}{"}"}
        spec: {"{"}selector: {"{"}app: api{"}"}, ports: [{"{"}port: 80{"}"}]{"}"}
        """;

    /// <summary>A Rollout of <paramref name="replicas"/> pods; <paramref name="steps"/> is the YAML list of steps.</summary>
    public static string Rollout(string ns, string image, string steps, int replicas = 4, string extraSpec = "", bool neverReady = false) => $"""
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata:
          name: api
          namespace: {ns}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: api{"}"}
        {Indent(extraSpec, 2)}
          template:
            metadata:
              labels: {"{"}app: api{"}"}
              annotations: {(neverReady ? "{localcluster.canaryflow.io/never-ready: \"true\"}" : "{}")}
            spec:
              containers:
              - name: api
                image: {image}
          strategy:
            canary:
              stableService: api-stable
              canaryService: api-canary
              steps: {steps}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));
}
