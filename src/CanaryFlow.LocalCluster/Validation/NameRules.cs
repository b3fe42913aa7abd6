using System.Text.RegularExpressions;
using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.LocalCluster.Validation;

/// <summary>The name formats of apimachinery's validation package, with the messages the real server prints.</summary>
public static partial class NameRules
{
    public const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Returns the problems of <paramref name="name"/> as a DNS-1123 subdomain (most kinds' names).</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string name) => [.. LabelFormat.SubdomainProblems(name)];

    /// <summary>DNS-1123 label (namespace names).</summary>
    public static IReadOnlyList<string> Dns1123Label(string name)
    {
        var problems = new List<string>();
        if (name.Length > 63)
        {
            problems.Add("must be no more than 63 characters");
        }

        if (!Label().IsMatch(name))
        {
            problems.Add(Dns1123LabelMessage);
        }

        return problems;
    }

    /// <summary>DNS-1035 label (Service names).</summary>
    public static IReadOnlyList<string> Dns1035Label(string name)
    {
        var problems = new List<string>();
        if (name.Length > 63)
        {
            problems.Add("must be no more than 63 characters");
        }

        if (!Label1035().IsMatch(name))
        {
            problems.Add(Dns1035LabelMessage);
        }

        return problems;
    }

    /// <summary>A path segment name (RBAC roles and bindings, whose names such as system:controller:x are not subdomains).</summary>
    public static IReadOnlyList<string> PathSegmentName(string name)
    {
        var problems = new List<string>();
        if (name is "." or "..")
        {
            problems.Add($"may not be '{name}'");
        }

        foreach (var forbidden in new[] { "/", "%" })
        {
            if (name.Contains(forbidden, StringComparison.Ordinal))
            {
                problems.Add($"may not contain '{forbidden}'");
            }
        }

        return problems;
    }

    /// <summary>A qualified name (label keys, annotation keys, finalizers): an optional DNS subdomain prefix and '/', then a name part.</summary>
    public static IReadOnlyList<string> QualifiedName(string value) => LabelFormat.KeyProblems(value);

    public static IReadOnlyList<string> LabelValue(string value) => LabelFormat.ValueProblems(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label1035();

}
