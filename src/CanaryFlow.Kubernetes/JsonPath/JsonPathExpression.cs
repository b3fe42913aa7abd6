using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// A JSONPath as kubectl (<c>-o jsonpath</c>) and CRD <c>additionalPrinterColumns</c>/<c>selectableFields</c> use it:
/// one path, written bare (<c>.spec.replicas</c>) or in braces (<c>{.spec.replicas}</c>). Supports member access
/// (<c>.a</c>, <c>['a.b']</c>), indexes (<c>[0]</c>, <c>[-1]</c>), slices (<c>[1:3]</c>), wildcards (<c>[*]</c>,
/// <c>.*</c>), recursive descent (<c>..name</c>) and filters (<c>[?(@.type=="Ready")]</c>, <c>[?(@.status)]</c>).
/// </summary>
public sealed class JsonPathExpression
{
    private readonly IReadOnlyList<JsonPathSegment> _segments;

    private JsonPathExpression(string expression, IReadOnlyList<JsonPathSegment> segments)
    {
        Expression = expression;
        _segments = segments;
    }

    /// <summary>The text the expression was parsed from.</summary>
    public string Expression { get; }

    /// <exception cref="JsonPathParseException">With the position of the problem.</exception>
    public static JsonPathExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new JsonPathExpression(expression, JsonPathParser.Parse(expression));
    }

    /// <summary>
    /// Every value the path selects, in document order. Missing members, indexes out of range and steps that do not
    /// fit the data (an index into an object) select nothing rather than fail; a JSON null that is there is
    /// returned as a null entry.
    /// </summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root) => JsonPathSegment.SelectAll(_segments, root, root);

    public override string ToString() => Expression;
}
