using System.Text.RegularExpressions;

namespace CanaryFlow.LocalCluster.Validation;

/// <summary>The name formats of apimachinery's validation package, with the messages the real server prints.</summary>
public static partial class NameRules
{
    public const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    public const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>Returns the problems of <paramref name="name"/> as a DNS-1123 subdomain (most kinds' names).</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string name)
    {
        var problems = new List<string>();
        if (name.Length > 253)
        {
            problems.Add("must be no more than 253 characters");
        }

        if (!Subdomain().IsMatch(name))
        {
            problems.Add(Dns1123SubdomainMessage);
        }

        return problems;
    }

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

    /// <summary>Names that only have to be usable as a URL path segment (Events).</summary>
    public static IReadOnlyList<string> PathSegment(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        foreach (var forbidden in new[] { "/", "%" })
        {
            if (name.Contains(forbidden, StringComparison.Ordinal))
            {
                return [$"may not contain '{forbidden}'"];
            }
        }

        return [];
    }

    /// <summary>A qualified name: an optional DNS subdomain prefix and '/', then a name part of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var problems = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    problems.Add("prefix part must be non-empty");
                }
                else
                {
                    problems.AddRange(Dns1123Subdomain(prefix).Select(p => "prefix part " + p));
                }

                break;
            default:
                return [QualifiedNameMessage.Replace("name part must", "a qualified name must", StringComparison.Ordinal) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            problems.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            problems.Add("name part must be no more than 63 characters");
        }

        if (name.Length > 0 && !QualifiedNamePart().IsMatch(name))
        {
            problems.Add(QualifiedNameMessage);
        }

        return problems;
    }

    public static IReadOnlyList<string> LabelValue(string value)
    {
        var problems = new List<string>();
        if (value.Length > 63)
        {
            problems.Add("must be no more than 63 characters");
        }

        if (value.Length > 0 && !LabelValuePattern().IsMatch(value))
        {
            problems.Add(LabelValueMessage);
        }

        return problems;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label1035();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValuePattern();
}
