using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Printing;

/// <summary>Columns of the access-control and availability kinds: ServiceAccounts, RBAC roles and bindings, PodDisruptionBudgets.</summary>
public static partial class BuiltInColumns
{
    private const string _notApplicable = "N/A";

    public static IReadOnlyList<PrinterColumn> ServiceAccounts { get; } =
    [
        Text("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
            o => (o.GetArray("secrets")?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Age(),
    ];

    /// <summary>Roles and ClusterRoles: the real printer shows the creation time itself, not an age.</summary>
    public static IReadOnlyList<PrinterColumn> Roles { get; } =
    [
        new("Created At", "string", "date", "Time at which the object was created", 0, (o, _) => o.MetadataOrNull()?.GetString("creationTimestamp")),
    ];

    public static IReadOnlyList<PrinterColumn> RoleBindings { get; } =
    [
        Text("Role", "Role", o => $"{o["roleRef"]?["kind"]?.GetValue<string>()}/{o["roleRef"]?["name"]?.GetValue<string>()}"),
        Age(),
        Text("Users", "Users in the roleBinding", o => Subjects(o, "User"), priority: 1),
        Text("Groups", "Groups in the roleBinding", o => Subjects(o, "Group"), priority: 1),
        Text("ServiceAccounts", "ServiceAccounts in the roleBinding", o => Subjects(o, "ServiceAccount"), priority: 1),
    ];

    public static IReadOnlyList<PrinterColumn> PodDisruptionBudgets { get; } =
    [
        Text("Min Available", "The minimum number of pods that must be available", o => o["spec"]?["minAvailable"]?.ToString() ?? _notApplicable),
        Text("Max Unavailable", "The maximum number of pods that may be unavailable", o => o["spec"]?["maxUnavailable"]?.ToString() ?? _notApplicable),
        Integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time", o => o["status"]?["disruptionsAllowed"]?.GetValue<long>() ?? 0),
        Age(),
    ];

    /// <summary>The subjects of one kind, comma-separated; service accounts as namespace/name, as kubectl prints them.</summary>
    private static string Subjects(JsonObject o, string kind)
    {
        var names = (o.GetArray("subjects")?.OfType<JsonObject>() ?? [])
            .Where(s => s.GetString("kind") == kind)
            .Select(s => kind == "ServiceAccount" ? $"{s.GetString("namespace")}/{s.GetString("name")}" : s.GetString("name"));
        return string.Join(", ", names);
    }
}
