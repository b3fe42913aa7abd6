using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>
/// What <c>kubectl kustomize deploy/</c> produces: the objects, their labels and namespace, the controller Deployment
/// (replicas, args, probes, resources, the locked-down security context) and the least-privilege RBAC.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeployManifestTests(DeployFixture deploy)
{
    private const string _namespace = "canaryflow-system";

    private static readonly Dictionary<string, string> _commonLabels = new()
    {
        ["app.kubernetes.io/name"] = "canaryflow",
        ["app.kubernetes.io/part-of"] = "canaryflow",
        ["app.kubernetes.io/managed-by"] = "kustomize",
    };

    /// <summary>The ClusterRole docs/install.md documents and justifies, rule for rule.</summary>
    public static IReadOnlyList<ClusterRoleRule> ExpectedClusterRole { get; } =
    [
        ClusterRoleRule.Of("canaryflow.io", ["rollouts"], ["list", "watch"]),
        ClusterRoleRule.Of("canaryflow.io", ["rollouts/status"], ["patch"]),
        ClusterRoleRule.Of("canaryflow.io", ["analysisruns"], ["create", "delete", "get", "list", "patch", "watch"]),
        ClusterRoleRule.Of("canaryflow.io", ["analysisruns/status"], ["patch"]),
        ClusterRoleRule.Of("canaryflow.io", ["analysistemplates", "clusteranalysistemplates"], ["list", "watch"]),
        ClusterRoleRule.Of("apps", ["replicasets"], ["create", "delete", "get", "list", "patch", "watch"]),
        ClusterRoleRule.Of("", ["pods"], ["delete", "list"]),
        ClusterRoleRule.Of("", ["services"], ["list", "patch", "watch"]),
        ClusterRoleRule.Of("", ["secrets"], ["get"]),
        ClusterRoleRule.Of("events.k8s.io", ["events"], ["create", "patch"]),
        ClusterRoleRule.Of("gateway.networking.k8s.io", ["httproutes"], ["get", "list", "patch", "watch"]),
        ClusterRoleRule.Of("networking.k8s.io", ["ingresses"], ["create", "delete", "get", "list", "patch", "watch"]),
    ];

    public static IReadOnlyList<ClusterRoleRule> ExpectedLeaderElectionRole { get; } =
    [
        ClusterRoleRule.Of("coordination.k8s.io", ["leases"], ["create"]),
        ClusterRoleRule.Of("coordination.k8s.io", ["leases"], ["get", "update"], ["canaryflow-controller"]),
    ];

    private JsonObject Container => deploy.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();

    [Fact]
    public void It_renders_the_crds_the_controller_identity_rbac_deployment_metrics_service_and_budget()
    {
        Assert.Equal(
            [
                "ClusterRole/canaryflow-controller",
                "ClusterRoleBinding/canaryflow-controller",
                "CustomResourceDefinition/analysisruns.canaryflow.io",
                "CustomResourceDefinition/analysistemplates.canaryflow.io",
                "CustomResourceDefinition/clusteranalysistemplates.canaryflow.io",
                "CustomResourceDefinition/rollouts.canaryflow.io",
                "Deployment/canaryflow-controller",
                "Namespace/canaryflow-system",
                "PodDisruptionBudget/canaryflow-controller",
                "Role/canaryflow-leader-election",
                "RoleBinding/canaryflow-leader-election",
                "Service/canaryflow-controller-metrics",
                "ServiceAccount/canaryflow-controller",
            ],
            deploy.Objects.Select(o => $"{DeployFixture.KindOf(o)}/{DeployFixture.NameOf(o)}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_object_carries_the_common_labels_and_namespaced_ones_live_in_canaryflow_system()
    {
        string[] clusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"];
        foreach (var obj in deploy.Objects)
        {
            var labels = obj["metadata"]!["labels"]!.AsObject();
            foreach (var (key, value) in _commonLabels)
            {
                Assert.True((string?)labels[key] == value, $"{DeployFixture.KindOf(obj)}/{DeployFixture.NameOf(obj)} lacks {key}={value}");
            }

            var ns = (string?)obj["metadata"]!["namespace"];
            Assert.Equal(clusterScoped.Contains(DeployFixture.KindOf(obj)) ? null : _namespace, ns);
        }
    }

    [Fact]
    public void Crds_kustomization_lists_every_crd_file()
    {
        var files = Directory.GetFiles(RepositoryRoot.File("crds"), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        var listed = YamlListed(File.ReadAllText(RepositoryRoot.File("crds", "kustomization.yaml")));

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(4, deploy.Objects.Count(o => DeployFixture.KindOf(o) == "CustomResourceDefinition"));
    }

    [Fact]
    public void Deployment_runs_two_leader_elected_replicas_of_the_controller_image_with_its_service_account()
    {
        var spec = deploy.Single("Deployment")["spec"]!;

        Assert.Equal(2L, (long)spec["replicas"]!);
        Assert.Equal("canaryflow-controller", (string?)spec["template"]!["spec"]!["serviceAccountName"]);
        Assert.Equal("canaryflow/controller:0.1.0", (string?)Container["image"]);
        AssertJson("""["--leader-elect","--metrics-bind-address",":8080","--health-probe-bind-address",":8081"]""", Container["args"]!);
        Assert.Null(Container["command"]);
        AssertJson("""[{"name":"POD_NAMESPACE","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}}]""", Container["env"]!);
        var spread = spec["template"]!["spec"]!["topologySpreadConstraints"]!.AsArray().Single()!;
        Assert.Equal(("kubernetes.io/hostname", "ScheduleAnyway"), ((string?)spread["topologyKey"], (string?)spread["whenUnsatisfiable"]));
        Assert.Equal(spec["selector"]!["matchLabels"]!.ToJsonString(), spread["labelSelector"]!["matchLabels"]!.ToJsonString());
    }

    [Fact]
    public void Deployment_probes_the_health_endpoints_and_exposes_the_metrics_port()
    {
        AssertJson("""[{"name":"metrics","containerPort":8080,"protocol":"TCP"},{"name":"health","containerPort":8081,"protocol":"TCP"}]""", Container["ports"]!);
        AssertJson("""{"path":"/healthz","port":"health"}""", Container["livenessProbe"]!["httpGet"]!);
        AssertJson("""{"path":"/readyz","port":"health"}""", Container["readinessProbe"]!["httpGet"]!);
        AssertJson("""{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"1","memory":"512Mi"}}""", Container["resources"]!);
    }

    [Fact]
    public void Deployment_runs_as_a_non_root_user_on_a_read_only_root_with_no_capabilities_and_a_writable_tmp()
    {
        var pod = deploy.Single("Deployment")["spec"]!["template"]!["spec"]!;

        AssertJson("""{"runAsNonRoot":true,"runAsUser":1654,"runAsGroup":1654,"seccompProfile":{"type":"RuntimeDefault"}}""", pod["securityContext"]!);
        AssertJson("""{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}}""", Container["securityContext"]!);
        AssertJson("""[{"name":"tmp","mountPath":"/tmp"}]""", Container["volumeMounts"]!);
        AssertJson("""[{"name":"tmp","emptyDir":{"sizeLimit":"256Mi"}}]""", pod["volumes"]!);
    }

    [Fact]
    public void Metrics_service_and_budget_select_the_controller_pods()
    {
        var podLabels = deploy.Single("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!.ToJsonString();
        var service = deploy.Single("Service")["spec"]!;
        var budget = deploy.Single("PodDisruptionBudget")["spec"]!;

        Assert.Equal(podLabels, service["selector"]!.ToJsonString());
        AssertJson("""[{"name":"metrics","port":8080,"targetPort":"metrics","protocol":"TCP"}]""", service["ports"]!);
        Assert.Equal(podLabels, budget["selector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal(1L, (long)budget["minAvailable"]!);
    }

    [Fact]
    public void Cluster_role_grants_exactly_the_documented_rules_to_the_controller_service_account()
    {
        var rules = deploy.Single("ClusterRole")["rules"]!.AsArray().Select(r => ClusterRoleRule.From(r!.AsObject()));

        Assert.Equal(ExpectedClusterRole, rules);
        AssertGrantsToController(deploy.Single("ClusterRoleBinding"), "ClusterRole", "canaryflow-controller");
    }

    [Fact]
    public void Leader_election_role_is_limited_to_the_lease_in_its_namespace()
    {
        var rules = deploy.Single("Role")["rules"]!.AsArray().Select(r => ClusterRoleRule.From(r!.AsObject()));

        Assert.Equal(ExpectedLeaderElectionRole, rules);
        AssertGrantsToController(deploy.Single("RoleBinding"), "Role", "canaryflow-leader-election");
    }

    private static void AssertGrantsToController(JsonObject binding, string roleKind, string roleName)
    {
        AssertJson($$"""{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{roleName}}"}""", binding["roleRef"]!);
        AssertJson("""[{"kind":"ServiceAccount","name":"canaryflow-controller","namespace":"canaryflow-system"}]""", binding["subjects"]!);
    }

    /// <summary>kustomize prints keys sorted, so objects are compared by content, not by key order.</summary>
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\n  actual {actual?.ToJsonString()}");

    private static IEnumerable<string> YamlListed(string kustomization) =>
        YamlJsonConverter.Parse(kustomization)!["resources"]!.AsArray().Select(r => r!.GetValue<string>());
}
