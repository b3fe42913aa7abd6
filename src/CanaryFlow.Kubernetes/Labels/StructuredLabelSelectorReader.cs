using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// Reads the requirements of a structured <c>metav1.LabelSelector</c> JSON object the way apimachinery's
/// <c>LabelSelectorAsSelector</c> builds them: every <c>matchLabels</c> entry is an equality, every
/// <c>matchExpressions</c> entry maps <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c> onto the same
/// requirements the string grammar produces.
/// </summary>
internal static class StructuredLabelSelectorReader
{
    public static IEnumerable<LabelRequirement> Read(JsonObject selector)
    {
        var requirements = new List<LabelRequirement>();

        // Go walks matchLabels in map order, which is random; key order makes the first reported error stable.
        foreach (var (key, value) in ObjectMember(selector, "matchLabels", "matchLabels").OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var text = StringMember(value, $"matchLabels[{GoValueFormat.Quote(key)}]");
            requirements.Add(LabelRequirement.Create(key, LabelSelectorOperator.Equal, [text]));
        }

        var expressions = ArrayMember(selector, "matchExpressions", "matchExpressions");
        for (var i = 0; i < expressions.Count; i++)
        {
            requirements.Add(ReadExpression(expressions[i], $"matchExpressions[{i}]"));
        }

        return requirements;
    }

    private static LabelRequirement ReadExpression(JsonNode? node, string path)
    {
        if (node is not JsonObject expression)
        {
            throw new LabelSelectorParseException($"{path} must be an object");
        }

        var key = StringMember(expression["key"], path + ".key");
        var operatorName = StringMember(expression["operator"], path + ".operator");
        var @operator = operatorName switch
        {
            "In" => LabelSelectorOperator.In,
            "NotIn" => LabelSelectorOperator.NotIn,
            "Exists" => LabelSelectorOperator.Exists,
            "DoesNotExist" => LabelSelectorOperator.DoesNotExist,
            _ => throw new LabelSelectorParseException($"{GoValueFormat.Quote(operatorName)} is not a valid label selector operator"),
        };

        var valueNodes = ArrayMember(expression, "values", path + ".values");
        var values = valueNodes.Select((value, index) => StringMember(value, $"{path}.values[{index}]")).ToList();
        return LabelRequirement.Create(key, @operator, values);
    }

    // Absent and null members read as Go's zero values: an empty map, list or string.
    private static IEnumerable<KeyValuePair<string, JsonNode?>> ObjectMember(JsonObject owner, string name, string path) =>
        owner[name] switch
        {
            null => [],
            JsonObject member => member,
            _ => throw new LabelSelectorParseException($"{path} must be an object"),
        };

    private static JsonArray ArrayMember(JsonObject owner, string name, string path) =>
        owner[name] switch
        {
            null => [],
            JsonArray member => member,
            _ => throw new LabelSelectorParseException($"{path} must be an array"),
        };

    private static string StringMember(JsonNode? node, string path)
    {
        if (node is null)
        {
            return string.Empty;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw new LabelSelectorParseException($"{path} must be a string");
    }
}
