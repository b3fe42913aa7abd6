namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// Config-repo files as teams lay them out: a Rollout in <c>apps/api/base</c> with an overlay
/// <c>apps/api/overlays/production</c> that sets the namespace and patches the image, or a plain directory of YAML.
/// The template carries the spellings that must hash alike whoever parses them: a float, quoted numbers, an empty
/// object, a null, a quoted "yes".
/// </summary>
internal static class ConfigRepoManifests
{
    public const string BasePath = "apps/api/base";
    public const string OverlayPath = "apps/api/overlays/production";

    public static string Rollout(string image, string? ns = null, string name = "api", string extraEnv = "") => $$"""
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata:
          name: {{name}}
        {{(ns is null ? "" : $"  namespace: {ns}")}}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: {{name}}
              annotations: {build: "42", ratio: "1.0"}
            spec:
              containers:
              - name: api
                image: {{image}}
                ports: [{containerPort: 8080}]
                resources:
                  requests: {cpu: 0.5, memory: 64Mi}
                env:
                - {name: FEATURE, value: "yes"}
        {{extraEnv}}
                volumeMounts: [{name: tmp, mountPath: /tmp}]
              volumes:
              - name: tmp
                emptyDir: {}
          strategy:
            canary:
              steps:
              - setWeight: 50
              - pause: {duration: 10s}
        """;

    public static string BaseKustomization => "resources: [rollout.yaml, service.yaml]\n";

    public static string Service(string name = "api") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}}
        spec:
          selector:
            app: {{name}}
          ports: [{port: 80}]
        """;

    /// <summary>The production overlay: namespace, a label, and a JSON patch of the image.</summary>
    public static string OverlayKustomization(string ns, string image) => $$"""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: {{ns}}
        resources: [../../base]
        labels:
        - pairs: {env: production}
        patches:
        - target: {kind: Rollout, name: api}
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/0/image
              value: {{image}}
        """;

    /// <summary>A base with the given image and an overlay patching it to <paramref name="overlayImage"/>.</summary>
    public static Dictionary<string, string?> KustomizeLayout(string ns, string baseImage, string overlayImage, string extraEnv = "") => new()
    {
        [$"{BasePath}/kustomization.yaml"] = BaseKustomization,
        [$"{BasePath}/rollout.yaml"] = Rollout(baseImage, extraEnv: extraEnv),
        [$"{BasePath}/service.yaml"] = Service(),
        [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization(ns, overlayImage),
    };

    /// <summary>An extra environment entry for <see cref="Rollout"/>, indented to its list.</summary>
    public static string Env(string name, string value) => $"        - {{name: {name}, value: \"{value}\"}}";
}
