using System.Text;
using System.Text.RegularExpressions;

namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// Which label keys and values Kubernetes accepts, with apimachinery's wording for the ones it does not
/// (k8s.io/apimachinery/pkg/api/validate/content, IsLabelKey and IsLabelValue).
/// </summary>
public static partial class LabelFormat
{
    private const string _namePattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string _valuePattern = "(" + _namePattern + ")?";
    private const string _subdomainLabelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string _subdomainPattern = _subdomainLabelPattern + "(\\." + _subdomainLabelPattern + ")*";

    private const string _nameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string _valueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string _subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private const int _nameMaxBytes = 63;
    private const int _valueMaxBytes = 63;
    private const int _subdomainMaxBytes = 253;

    /// <summary>Problems with a label key (empty when it is valid), in apimachinery's order.</summary>
    public static IReadOnlyList<string> KeyProblems(string key)
    {
        var problems = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    problems.Add("prefix part must be non-empty");
                }
                else
                {
                    problems.AddRange(SubdomainProblems(parts[0]).Select(p => "prefix part " + p));
                }

                break;
            default:
                problems.Add("a valid label key " + RegexError(_nameMessage, _namePattern, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return problems;
        }

        if (name.Length == 0)
        {
            problems.Add("name part must be non-empty");
        }
        else if (ByteLength(name) > _nameMaxBytes)
        {
            problems.Add("name part " + MaxLengthError(_nameMaxBytes));
        }

        if (!NameRegex().IsMatch(name))
        {
            problems.Add("name part " + RegexError(_nameMessage, _namePattern, "MyName", "my.name", "123-abc"));
        }

        return problems;
    }

    /// <summary>Problems with a label value (empty when it is valid); the empty string is a valid value.</summary>
    public static IReadOnlyList<string> ValueProblems(string value)
    {
        var problems = new List<string>();
        if (ByteLength(value) > _valueMaxBytes)
        {
            problems.Add(MaxLengthError(_valueMaxBytes));
        }

        if (!ValueRegex().IsMatch(value))
        {
            problems.Add(RegexError(_valueMessage, _valuePattern, "MyValue", "my_value", "12345"));
        }

        return problems;
    }

    /// <summary>Problems with a DNS-1123 subdomain (empty when it is valid).</summary>
    public static IEnumerable<string> SubdomainProblems(string value)
    {
        if (ByteLength(value) > _subdomainMaxBytes)
        {
            yield return MaxLengthError(_subdomainMaxBytes);
        }

        if (!SubdomainRegex().IsMatch(value))
        {
            yield return RegexError(_subdomainMessage, _subdomainPattern, "example.com");
        }
    }

    // Go measures strings in bytes; keys and values are ASCII when valid, but the limit applies before that check.
    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    private static string MaxLengthError(int length) => $"must be no more than {length} bytes";

    // apimachinery's RegexError, including the doubled space before "or" that its loop produces.
    private static string RegexError(string message, string pattern, params string[] examples)
    {
        var builder = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" or ");
            }

            builder.Append('\'').Append(examples[i]).Append("', ");
        }

        return builder.Append("regex used for validation is '").Append(pattern).Append("')").ToString();
    }

    // \z rather than $: .NET's $ also matches before a trailing newline.
    [GeneratedRegex("^" + _namePattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex("^" + _valuePattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValueRegex();

    [GeneratedRegex("^" + _subdomainPattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainRegex();
}
