using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Fields;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Validation;
using Microsoft.AspNetCore.Http;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>Typed access to the query parameters of API requests, with the real server's errors for bad values.</summary>
internal sealed class QueryParameters
{
    private readonly IQueryCollection _query;

    public QueryParameters(IQueryCollection query) => _query = query;

    public string? Get(string name) => _query.TryGetValue(name, out var values) ? values.ToString() : null;

    public bool Flag(string name) => Get(name) is "true" or "1" or "True";

    public long? Long(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"invalid value for {name}: {text}");
    }

    public LabelSelector Labels()
    {
        var text = Get("labelSelector");
        try
        {
            return string.IsNullOrEmpty(text) ? LabelSelector.Everything : LabelSelector.Parse(text);
        }
        catch (LabelSelectorParseException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
    }

    public FieldSelector Fields(string? name)
    {
        var text = Get("fieldSelector");
        FieldSelector selector;
        try
        {
            selector = string.IsNullOrEmpty(text) ? FieldSelector.Everything : FieldSelector.Parse(text);
        }
        catch (FieldSelectorParseException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }

        if (name is null)
        {
            return selector;
        }

        // A request on /{name} is a request with fieldSelector metadata.name={name}.
        foreach (var requirement in selector.Requirements)
        {
            if (requirement.Field == "metadata.name" && requirement.Value != name)
            {
                throw ApiErrors.BadRequest("fieldSelector metadata.name doesn't match requested name");
            }
        }

        var combined = string.IsNullOrEmpty(text)
            ? "metadata.name=" + FieldSelector.EscapeValue(name)
            : text + ",metadata.name=" + FieldSelector.EscapeValue(name);
        return FieldSelector.Parse(combined);
    }

    /// <summary>Whether dryRun=All was asked for; other values are invalid options of the verb (CreateOptions, PatchOptions...).</summary>
    public bool DryRun(string optionsKind = "CreateOptions")
    {
        if (!_query.TryGetValue("dryRun", out var values))
        {
            return false;
        }

        ThrowIfUnsupportedDryRun([.. values.Select(v => v ?? "")], optionsKind);
        return values.Count > 0;
    }

    /// <summary>422 unless every value is All; like field.NotSupported on the []string, the message prints the whole list.</summary>
    public static void ThrowIfUnsupportedDryRun(IReadOnlyList<string> values, string optionsKind)
    {
        if (values.All(v => v == "All"))
        {
            return;
        }

        var goValue = "[]string{" + string.Join(", ", values.Select(v => JsonValue.Create(v).ToJsonString(JsonOutput.Serializer))) + "}";
        throw ApiErrors.Invalid($"{optionsKind}.meta.k8s.io", "meta.k8s.io", optionsKind, "",
            [FieldError.NotSupported("dryRun", new JsonArray([.. values.Select(v => (JsonNode?)v)]), ["All"]).WithRawValue(goValue)]);
    }

    public FieldValidationMode FieldValidation() => Get("fieldValidation") switch
    {
        null or "" or "Warn" => FieldValidationMode.Warn,
        "Strict" => FieldValidationMode.Strict,
        "Ignore" => FieldValidationMode.Ignore,
        var other => throw ApiErrors.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
    };

    public WriteOptions WriteOptions(HttpContext context, IReadOnlyList<string> duplicates, string optionsKind = "CreateOptions") => new()
    {
        DryRun = DryRun(optionsKind),
        FieldManager = Get("fieldManager") is { Length: > 0 } manager ? manager : null,
        UserAgentManager = UserAgentManager(context),
        FieldValidation = FieldValidation(),
        Force = Flag("force"),
        DuplicateFields = duplicates,
    };

    /// <summary>Writes without fieldManager are recorded under the User-Agent's product name.</summary>
    private static string UserAgentManager(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
    }
}
