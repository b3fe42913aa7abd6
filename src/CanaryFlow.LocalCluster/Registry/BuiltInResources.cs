using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Printing;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Strategies;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The built-in kinds LocalCluster serves, with their schemas, strategies, columns and field selectors.</summary>
public static class BuiltInResources
{
    public static void Register(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var schemas = BuiltInSchemas.Instance;
        ResourceDescriptor Make(string group, string version, string resource, string kind, string definition, ResourceStrategy strategy, IReadOnlyList<PrinterColumn> columns,
            bool namespaced = true, string[]? shortNames = null, string[]? categories = null, ScaleSubresource? scale = null,
            IReadOnlyDictionary<string, Func<JsonObject, string?>>? fields = null, string? storage = null, IObjectConverter? converter = null,
            string? schemaDefinition = null, string[]? verbs = null, bool nameFirst = true) => new()
            {
                Group = group,
                Version = version,
                Resource = resource,
                Kind = kind,
                Singular = kind.ToLowerInvariant(),
                Namespaced = namespaced,
                ShortNames = shortNames ?? [],
                Categories = categories ?? [],
                StorageResource = storage ?? BuiltInStorage.Key(group, resource),
                Schema = schemas.Resolve(schemaDefinition ?? definition),
                OpenApiDefinitionName = definition,
                Strategy = strategy,
                Columns = columns,
                Scale = scale,
                SelectableFields = fields ?? new Dictionary<string, Func<JsonObject, string?>>(),
                Converter = converter,
                Verbs = verbs ?? ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                NameColumnFirst = nameFirst,
            };

        registry.Register(Make("", "v1", "namespaces", "Namespace", "io.k8s.api.core.v1.Namespace", new NamespaceStrategy(), BuiltInColumns.Namespaces,
            namespaced: false, shortNames: ["ns"], fields: Fields(("status.phase", o => o["status"]?["phase"]?.GetValue<string>())),
            verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]));
        registry.Register(Make("", "v1", "configmaps", "ConfigMap", "io.k8s.api.core.v1.ConfigMap", ConfigDataStrategy.ConfigMap, BuiltInColumns.ConfigMaps, shortNames: ["cm"]));
        registry.Register(Make("", "v1", "secrets", "Secret", "io.k8s.api.core.v1.Secret", ConfigDataStrategy.Secret, BuiltInColumns.Secrets,
            fields: Fields(("type", o => o.GetString("type")))));
        registry.Register(Make("", "v1", "services", "Service", "io.k8s.api.core.v1.Service", new ServiceStrategy(), BuiltInColumns.Services,
            shortNames: ["svc"], categories: ["all"]));
        registry.Register(Make("", "v1", "serviceaccounts", "ServiceAccount", "io.k8s.api.core.v1.ServiceAccount", ResourceStrategy.Default, BuiltInColumns.ServiceAccounts,
            shortNames: ["sa"]));
        registry.Register(Make("", "v1", "pods", "Pod", "io.k8s.api.core.v1.Pod", new PodStrategy(), BuiltInColumns.Pods,
            shortNames: ["po"], categories: ["all"], fields: Fields(
                ("spec.nodeName", o => o["spec"]?["nodeName"]?.GetValue<string>()),
                ("spec.restartPolicy", o => o["spec"]?["restartPolicy"]?.GetValue<string>()),
                ("spec.schedulerName", o => o["spec"]?["schedulerName"]?.GetValue<string>()),
                ("spec.serviceAccountName", o => o["spec"]?["serviceAccountName"]?.GetValue<string>()),
                ("status.phase", o => o["status"]?["phase"]?.GetValue<string>()),
                ("status.podIP", o => o["status"]?["podIP"]?.GetValue<string>()),
                ("status.nominatedNodeName", o => o["status"]?["nominatedNodeName"]?.GetValue<string>()))));
        registry.Register(Make("", "v1", "events", "Event", "io.k8s.api.core.v1.Event", EventStrategy.Instance, BuiltInColumns.Events,
            shortNames: ["ev"], fields: EventFields("involvedObject", "reportingComponent"), nameFirst: false));
        registry.Register(Make("events.k8s.io", "v1", "events", "Event", "io.k8s.api.events.v1.Event", EventStrategy.Instance, BuiltInColumns.Events,
            shortNames: ["ev"], fields: EventFields("regarding", "reportingController"), storage: BuiltInStorage.Events,
            converter: new EventsV1Converter(), schemaDefinition: "io.k8s.api.core.v1.Event", nameFirst: false));
        registry.Register(Make("apps", "v1", "replicasets", "ReplicaSet", "io.k8s.api.apps.v1.ReplicaSet", WorkloadStrategy.ReplicaSet, BuiltInColumns.ReplicaSets,
            shortNames: ["rs"], categories: ["all"], scale: new ScaleSubresource(".spec.replicas", ".status.replicas", null, SelectorFromSpec: true),
            fields: Fields(("status.replicas", o => o["status"]?["replicas"]?.ToJsonString()))));
        registry.Register(Make("apps", "v1", "deployments", "Deployment", "io.k8s.api.apps.v1.Deployment", WorkloadStrategy.Deployment, BuiltInColumns.Deployments,
            shortNames: ["deploy"], categories: ["all"], scale: new ScaleSubresource(".spec.replicas", ".status.replicas", null, SelectorFromSpec: true)));
        registry.Register(Make("networking.k8s.io", "v1", "ingresses", "Ingress", "io.k8s.api.networking.v1.Ingress", new IngressStrategy(), BuiltInColumns.Ingresses,
            shortNames: ["ing"]));
        registry.Register(Make("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", "io.k8s.api.policy.v1.PodDisruptionBudget", new PodDisruptionBudgetStrategy(),
            BuiltInColumns.PodDisruptionBudgets, shortNames: ["pdb"]));
        // RBAC kinds are stored and served so that install manifests apply; LocalCluster never enforces them.
        registry.Register(Make("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", "io.k8s.api.rbac.v1.ClusterRole", RbacRoleStrategy.Instance,
            BuiltInColumns.Roles, namespaced: false));
        registry.Register(Make("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", "io.k8s.api.rbac.v1.ClusterRoleBinding",
            RbacBindingStrategy.ClusterRoleBinding, BuiltInColumns.RoleBindings, namespaced: false));
        registry.Register(Make("rbac.authorization.k8s.io", "v1", "roles", "Role", "io.k8s.api.rbac.v1.Role", RbacRoleStrategy.Instance, BuiltInColumns.Roles));
        registry.Register(Make("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", "io.k8s.api.rbac.v1.RoleBinding", RbacBindingStrategy.RoleBinding,
            BuiltInColumns.RoleBindings));
        registry.Register(Make("coordination.k8s.io", "v1", "leases", "Lease", "io.k8s.api.coordination.v1.Lease", new LeaseStrategy(), BuiltInColumns.Leases));
        registry.Register(Make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition",
            "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition", CustomResourceDefinitionStrategy.Instance,
            BuiltInColumns.CustomResourceDefinitions, namespaced: false, shortNames: ["crd", "crds"]));
    }

    private static Dictionary<string, Func<JsonObject, string?>> Fields(params (string Name, Func<JsonObject, string?> Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    /// <summary>Event field selectors, named as the API version calls the involved object and the reporter.</summary>
    private static Dictionary<string, Func<JsonObject, string?>> EventFields(string regarding, string reporter)
    {
        var fields = new Dictionary<string, Func<JsonObject, string?>>(StringComparer.Ordinal);
        foreach (var field in new[] { "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath" })
        {
            fields[$"{regarding}.{field}"] = o => o["involvedObject"]?[field]?.GetValue<string>();
        }

        fields["reason"] = o => o.GetString("reason");
        fields["type"] = o => o.GetString("type");
        fields[reporter] = o => o.GetString("reportingComponent");
        fields["source"] = o => o["source"]?["component"]?.GetValue<string>();
        return fields;
    }
}
