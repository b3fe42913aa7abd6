using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>
/// Converts YAML documents to JSON nodes the way Kubernetes tooling does (sigs.k8s.io/yaml): the YAML 1.2 core
/// schema for plain scalars, quoted scalars always strings, duplicate keys an error.
/// </summary>
public static class YamlJsonConverter
{
    /// <summary>Parses a single YAML document; null for an empty document.</summary>
    public static JsonNode? Parse(string yaml)
    {
        var documents = ParseAll(yaml);
        return documents.Count switch
        {
            0 => null,
            1 => documents[0],
            _ => throw new YamlJsonException("expected a single YAML document, found " + documents.Count, 1, 1),
        };
    }

    /// <summary>Parses every document of a multi-document YAML stream; empty documents are skipped.</summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var result = new List<JsonNode?>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                if (parser.TryConsume<DocumentEnd>(out _))
                {
                    continue;
                }

                var node = ReadNode(parser, anchors);
                parser.Consume<DocumentEnd>();
                if (node is not null)
                {
                    result.Add(node);
                }
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            throw new YamlJsonException(e.Message, (int)e.Start.Line, (int)e.Start.Column, e);
        }

        return result;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlJsonException($"unknown anchor '{alias.Value.Value}'", (int)alias.Start.Line, (int)alias.Start.Column);
            }

            return target?.DeepClone();
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ConvertScalar(scalar);
            Remember(anchors, scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser, anchors));
            }

            Remember(anchors, sequenceStart.Anchor, array);
            return array;
        }

        var mappingStart = parser.Consume<MappingStart>();
        var obj = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current;
            var key = ReadNode(parser, anchors);
            var keyText = key switch
            {
                null => "null",
                JsonValue v => v.ToJsonString() is var json && json.StartsWith('"') ? v.GetValue<string>() : json,
                _ => throw new YamlJsonException("mapping keys must be scalars", (int)(keyEvent?.Start.Line ?? 0), (int)(keyEvent?.Start.Column ?? 0)),
            };
            var value = ReadNode(parser, anchors);
            if (keyText == "<<" && value is JsonObject merge)
            {
                foreach (var (k, v) in merge)
                {
                    if (!obj.ContainsKey(k))
                    {
                        obj[k] = v?.DeepClone();
                    }
                }

                continue;
            }

            if (obj.ContainsKey(keyText))
            {
                throw new YamlJsonException($"mapping key \"{keyText}\" already defined", (int)(keyEvent?.Start.Line ?? 0), (int)(keyEvent?.Start.Column ?? 0));
            }

            obj[keyText] = value;
        }

        Remember(anchors, mappingStart.Anchor, obj);
        return obj;
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = value;
        }
    }

    private static JsonNode? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (scalar.Tag.IsEmpty is false)
        {
            var tag = scalar.Tag.Value;
            if (tag is "tag:yaml.org,2002:str" or "!!str")
            {
                return JsonValue.Create(text);
            }
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private static bool IsInteger(string text)
    {
        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start >= text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFloat(string text)
    {
        // YAML 1.2 core schema: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}

/// <summary>A YAML document that cannot be converted to JSON, with the position of the problem (1-based).</summary>
public sealed class YamlJsonException : Exception
{
    public YamlJsonException(string message, int line, int column, Exception? inner = null)
        : base($"yaml: line {line}, column {column}: {message}", inner)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }
}
