using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// ServiceAccounts, the four RBAC kinds and PodDisruptionBudgets through kubectl: they apply (a second apply is
/// unchanged), print the real printers' columns, keep what was written, and refuse what the real server refuses.
/// LocalCluster stores them only; nothing is authorized with them.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class AccessControlKindTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Service_account_applies_once_and_is_listed_by_its_short_name()
    {
        var ns = await _kubectl.CreateNamespaceAsync("sa");
        var manifest = $$"""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: {{ns}}}
            automountServiceAccountToken: false
            imagePullSecrets: [{name: registry}]
            """;

        Assert.Equal("serviceaccount/robot created", (await _kubectl.ApplyAsync(manifest)).ShouldSucceed().Stdout.Trim());
        Assert.Equal("serviceaccount/robot unchanged", (await _kubectl.ApplyAsync(manifest)).ShouldSucceed().Stdout.Trim());

        var table = await _kubectl.GetTableAsync("sa", "-n", ns);
        Assert.Equal(["NAME", "SECRETS", "AGE"], table.Columns);
        Assert.Equal("0", table.Row("robot")["SECRETS"]);
        Assert.Equal("false registry", await _kubectl.JsonPathAsync("{.automountServiceAccountToken} {.imagePullSecrets[0].name}", "sa", "robot", "-n", ns));
    }

    [Fact]
    public async Task Cluster_role_and_binding_are_cluster_scoped_and_keep_their_rules_and_subjects()
    {
        var name = KubectlSteps.UniqueName("system:reader");
        var manifest = $$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: "{{name}}"}
            rules:
              - apiGroups: [""]
                resources: [pods]
                verbs: [get, list]
              - nonResourceURLs: [/healthz]
                verbs: [get]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "{{name}}"}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "{{name}}"}
            subjects:
              - {kind: ServiceAccount, name: robot, namespace: tools}
              - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
            """;

        var first = (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();
        var second = (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();

        Assert.Equal(
            [$"clusterrole.rbac.authorization.k8s.io/{name} created", $"clusterrolebinding.rbac.authorization.k8s.io/{name} created"],
            first.Stdout.Trim().Split('\n'));
        Assert.Equal(
            [$"clusterrole.rbac.authorization.k8s.io/{name} unchanged", $"clusterrolebinding.rbac.authorization.k8s.io/{name} unchanged"],
            second.Stdout.Trim().Split('\n'));
        Assert.Equal(
            """[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]},{"nonResourceURLs":["/healthz"],"verbs":["get"]}]""",
            (await _kubectl.GetJsonAsync("clusterrole", name))["rules"]!.ToJsonString());
        // A service account's core group is empty and left out.
        Assert.Equal(
            """[{"kind":"ServiceAccount","name":"robot","namespace":"tools"},{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice"}]""",
            (await _kubectl.GetJsonAsync("clusterrolebinding", name))["subjects"]!.ToJsonString());
        var bindings = await _kubectl.GetTableAsync("clusterrolebinding", name, "-o", "wide");
        Assert.Equal(["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"], bindings.Columns);
        Assert.Equal(($"ClusterRole/{name}", "alice", "tools/robot"), (bindings.Row(name)["ROLE"], bindings.Row(name)["USERS"], bindings.Row(name)["SERVICEACCOUNTS"]));
        Assert.Equal(["NAME", "CREATED AT"], (await _kubectl.GetTableAsync("clusterrole", name)).Columns);
    }

    [Fact]
    public async Task Role_and_binding_are_namespaced()
    {
        var ns = await _kubectl.CreateNamespaceAsync("rbac");
        (await _kubectl.ApplyAsync($$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: lease-holder, namespace: {{ns}}}
            rules:
              - apiGroups: [coordination.k8s.io]
                resources: [leases]
                resourceNames: [leader]
                verbs: [get, update]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: lease-holder, namespace: {{ns}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: lease-holder}
            subjects: [{kind: ServiceAccount, name: robot}, {kind: Group, name: ops}]
            """)).ShouldSucceed();

        // Users and groups get the RBAC group by default (so a manifest that leaves it out re-applies as
        // "configured", as against a real server).
        Assert.Equal("rbac.authorization.k8s.io", await _kubectl.JsonPathAsync("{.subjects[1].apiGroup}", "rolebinding", "lease-holder", "-n", ns));
        Assert.Equal("leader", await _kubectl.JsonPathAsync("{.rules[0].resourceNames[0]}", "role", "lease-holder", "-n", ns));
        Assert.Equal("Role/lease-holder", (await _kubectl.GetTableAsync("rolebinding", "-n", ns)).Row("lease-holder")["ROLE"]);
        var elsewhere = (await _kubectl.RunAsync("get", "role", "lease-holder", "-n", "default")).ShouldFail();
        Assert.Contains("roles.rbac.authorization.k8s.io \"lease-holder\" not found", elsewhere.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_refuses_a_new_role_ref()
    {
        var ns = await _kubectl.CreateNamespaceAsync("rbac");
        string Binding(string role) => $$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: b, namespace: {{ns}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: {{role}}}
            subjects: [{kind: ServiceAccount, name: robot}]
            """;
        (await _kubectl.ApplyAsync(Binding("first"))).ShouldSucceed();

        var refused = (await _kubectl.ApplyAsync(Binding("second"))).ShouldFail();

        Assert.Contains("roleRef: Invalid value", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot change roleRef", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_role_binding_of_a_service_account_needs_its_namespace()
    {
        var name = KubectlSteps.UniqueName("crb");

        var refused = (await _kubectl.ApplyAsync($$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: {{name}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: ServiceAccount, name: robot}]
            """)).ShouldFail();

        Assert.Contains("subjects[0].namespace: Required value", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_disruption_budget_applies_once_and_prints_its_budget()
    {
        var ns = await _kubectl.CreateNamespaceAsync("pdb");
        var manifest = $$"""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: {{ns}}}
            spec:
              minAvailable: 1
              selector:
                matchLabels: {app: web}
            """;

        (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();
        Assert.Equal("poddisruptionbudget.policy/web unchanged", (await _kubectl.ApplyAsync(manifest)).ShouldSucceed().Stdout.Trim());

        var table = await _kubectl.GetTableAsync("pdb", "-n", ns);
        Assert.Equal(["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"], table.Columns);
        Assert.Equal(("1", "N/A", "0"), (table.Row("web")["MIN AVAILABLE"], table.Row("web")["MAX UNAVAILABLE"], table.Row("web")["ALLOWED DISRUPTIONS"]));
        Assert.Equal("1", await _kubectl.JsonPathAsync("{.metadata.generation}", "pdb", "web", "-n", ns));
    }

    [Fact]
    public async Task Pod_disruption_budget_refuses_both_min_available_and_max_unavailable()
    {
        var ns = await _kubectl.CreateNamespaceAsync("pdb");

        var refused = (await _kubectl.ApplyAsync($$"""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: {{ns}}}
            spec:
              minAvailable: 1
              maxUnavailable: 1
              selector:
                matchLabels: {app: web}
            """)).ShouldFail();

        Assert.Contains("minAvailable and maxUnavailable cannot be both set", refused.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();
}
