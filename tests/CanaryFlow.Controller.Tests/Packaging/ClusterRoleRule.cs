using System.Text.Json.Nodes;

namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>One RBAC rule in a comparable form: verbs, resources and names sorted, the core group as "".</summary>
public sealed record ClusterRoleRule(string ApiGroup, string Resources, string Verbs, string ResourceNames)
{
    public static ClusterRoleRule From(JsonObject rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var groups = Strings(rule["apiGroups"]);
        // One group per rule keeps each rule one row of docs/install.md.
        Assert.Single(groups);
        return new ClusterRoleRule(groups[0], Join(Strings(rule["resources"])), Join(Strings(rule["verbs"])), Join(Strings(rule["resourceNames"])));
    }

    public static ClusterRoleRule Of(string apiGroup, IEnumerable<string> resources, IEnumerable<string> verbs, IEnumerable<string>? resourceNames = null) =>
        new(apiGroup, Join(resources), Join(verbs), Join(resourceNames ?? []));

    public override string ToString() => $"{ApiGroup}: {Resources} [{Verbs}]" + (ResourceNames.Length > 0 ? $" names {ResourceNames}" : "");

    private static List<string> Strings(JsonNode? array) => array?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];

    private static string Join(IEnumerable<string> values) => string.Join(",", values.Order(StringComparer.Ordinal));
}
