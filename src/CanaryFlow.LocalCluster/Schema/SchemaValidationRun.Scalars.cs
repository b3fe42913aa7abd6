using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>kube-openapi's type, string, format and number validators.</summary>
internal sealed partial class SchemaValidationRun
{
    private const double _maxJsonInteger = 9007199254740991.0;

    /// <summary>The schema's type list as kube-openapi joins it: int-or-string becomes <c>integer,string</c>.</summary>
    private static string? TypeNames(StructuralSchema schema) =>
        schema.IntOrString ? "integer,string" : string.IsNullOrEmpty(schema.Type) ? null : schema.Type;

    private static bool TypeAllows(StructuralSchema schema, string type) =>
        schema.IntOrString ? type is "integer" or "string" : schema.Type == type;

    private void CheckNull(StructuralSchema schema, List<FieldError> sink)
    {
        var types = TypeNames(schema);
        if (types is not null && !schema.Nullable)
        {
            AddTypeInvalid(sink, types, "null");
        }
    }

    /// <summary>
    /// kube-openapi's type validator, quirks included: a supported format on a non-string schema is checked against
    /// the Go type of the value, and a string or array value is accepted for any non-numeric schema with a format.
    /// </summary>
    private void CheckType(JsonNode value, JsonNodeType type, StructuralSchema schema, List<FieldError> sink)
    {
        var types = TypeNames(schema);
        var format = StringFormats.SupportedName(schema.Format) is null ? null : schema.Format;
        if (types is null && format is null)
        {
            return;
        }

        var valueType = JsonNodeTypes.SchemaTypeName(type);
        var isFloatInt = type == JsonNodeType.Number && IsJsonInteger(JsonNodeTypes.GetNumber(value)) && TypeAllows(schema, "integer");
        var isIntFloat = type == JsonNodeType.Integer && TypeAllows(schema, "number");
        var allowed = TypeAllows(schema, valueType) || isFloatInt || isIntFloat;

        if (type is not (JsonNodeType.String or JsonNodeType.Array) && format is not null && !allowed)
        {
            var goFormat = type switch
            {
                JsonNodeType.Integer => "int64",
                JsonNodeType.Number => "float64",
                _ => string.Empty,
            };
            AddTypeInvalid(sink, format, goFormat);
            return;
        }

        if (!TypeAllows(schema, "number") && !TypeAllows(schema, "integer") && format is not null &&
            type is JsonNodeType.String or JsonNodeType.Array)
        {
            return;
        }

        if (types is not null && !allowed)
        {
            AddTypeInvalid(sink, types, valueType);
        }
    }

    /// <summary>A type error, whose bad value is (as upstream) the name of the offending type, not the value.</summary>
    private void AddTypeInvalid(List<FieldError> sink, string expected, string actual)
    {
        var name = _path.Name;
        sink.Add(FieldError.TypeInvalid(
            _path.FieldOfName(name),
            JsonValue.Create(actual),
            name + " in body must be of type " + expected + ": " + GoValueFormatter.Quote(actual)));
    }

    /// <summary>maxLength, minLength and pattern stop at the first failure; the format is checked on its own.</summary>
    private void CheckString(JsonNode value, StructuralSchema schema, List<FieldError> sink)
    {
        var text = JsonNodeTypes.GetString(value)!;
        if (schema.MaxLength is not null || schema.MinLength is not null)
        {
            var length = RuneCount(text);
            if (schema.MaxLength is { } max && length > max)
            {
                sink.Add(FieldError.TooLong(_path.FieldOfName(_path.Name), value.DeepClone(), max));
            }
            else if (schema.MinLength is { } min && length < min)
            {
                AddInvalid(sink, value.DeepClone(), $"should be at least {min} chars long");
            }
            else
            {
                CheckPattern(value, text, schema, sink);
            }
        }
        else
        {
            CheckPattern(value, text, schema, sink);
        }

        var format = StringFormats.SupportedName(schema.Format);
        if (format is not null && !StringFormats.IsValid(format, text))
        {
            var name = _path.Name;
            sink.Add(FieldError.TypeInvalid(
                _path.FieldOfName(name),
                value.DeepClone(),
                name + " in body must be of type " + schema.Format + ": " + GoValueFormatter.Quote(text)));
        }
    }

    private void CheckPattern(JsonNode value, string text, StructuralSchema schema, List<FieldError> sink)
    {
        if (schema.Pattern is not { } pattern || SchemaPatternCache.IsMatch(pattern, text, out var error))
        {
            return;
        }

        var shown = error is null ? pattern : pattern + ", but pattern is invalid: " + error;
        AddInvalid(sink, value.DeepClone(), "should match '" + shown + "'");
    }

    /// <summary>
    /// multipleOf, minimum and maximum, each reported. For an integer value kube-openapi truncates the bound to an
    /// integer before comparing and printing it.
    /// </summary>
    private void CheckNumber(JsonNode value, JsonNodeType type, StructuralSchema schema, List<FieldError> sink)
    {
        var isInteger = JsonNodeTypes.TryGetInteger(value, out var integer) && type == JsonNodeType.Integer;
        var number = isInteger ? integer : JsonNodeTypes.GetNumber(value);

        if (schema.MultipleOf is { } factor)
        {
            CheckMultipleOf(value, isInteger, integer, number, factor, sink);
        }

        if (schema.Minimum is { } minimum)
        {
            var exclusive = schema.ExclusiveMinimum;
            var relation = exclusive ? "greater than" : "greater than or equal to";
            if (isInteger)
            {
                var bound = (long)minimum;
                if (exclusive ? integer <= bound : integer < bound)
                {
                    AddInvalid(sink, value.DeepClone(), $"should be {relation} {bound.ToString(CultureInfo.InvariantCulture)}");
                }
            }
            else if (exclusive ? number <= minimum : number < minimum)
            {
                AddInvalid(sink, value.DeepClone(), $"should be {relation} {GoValueFormatter.FormatFloat(minimum)}");
            }
        }

        if (schema.Maximum is { } maximum)
        {
            var exclusive = schema.ExclusiveMaximum;
            var relation = exclusive ? "less than" : "less than or equal to";
            if (isInteger)
            {
                var bound = (long)maximum;
                if (exclusive ? integer >= bound : integer > bound)
                {
                    AddInvalid(sink, value.DeepClone(), $"should be {relation} {bound.ToString(CultureInfo.InvariantCulture)}");
                }
            }
            else if (exclusive ? number >= maximum : number > maximum)
            {
                AddInvalid(sink, value.DeepClone(), $"should be {relation} {GoValueFormatter.FormatFloat(maximum)}");
            }
        }
    }

    private void CheckMultipleOf(JsonNode value, bool isInteger, long integer, double number, double factor, List<FieldError> sink)
    {
        var integerFactor = (long)factor;

        // An integer value is checked against the truncated factor, unless that is zero (upstream would divide by zero).
        if (isInteger && integerFactor != 0)
        {
            if (integerFactor < 0)
            {
                AddFactorNotPositive(sink, value, integerFactor.ToString(CultureInfo.InvariantCulture));
            }
            else if (integer % integerFactor != 0)
            {
                AddInvalid(sink, value.DeepClone(), "should be a multiple of " + integerFactor.ToString(CultureInfo.InvariantCulture));
            }

            return;
        }

        if (factor < 0)
        {
            AddFactorNotPositive(sink, value, GoValueFormatter.FormatFloat(factor));
            return;
        }

        var multiple = factor < 1 ? 1 / factor * number : number / factor;
        if (!IsJsonInteger(multiple))
        {
            AddInvalid(sink, value.DeepClone(), "should be a multiple of " + GoValueFormatter.FormatFloat(factor));
        }
    }

    private void AddFactorNotPositive(List<FieldError> sink, JsonNode value, string factor)
    {
        var name = _path.Name;
        sink.Add(FieldError.Invalid(_path.FieldOfName(name), value.DeepClone(), "factor MultipleOf declared for " + name + " must be positive: " + factor));
    }

    /// <summary>go-openapi's test for a float that is an integer: within ±(2^53-1) and integral up to a relative 1e-9.</summary>
    private static bool IsJsonInteger(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < -_maxJsonInteger || value > _maxJsonInteger)
        {
            return false;
        }

        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        if (value == rounded)
        {
            return true;
        }

        return rounded != 0 && Math.Abs(value - rounded) < 1e-9 * Math.Abs(rounded);
    }

    /// <summary>Length in Unicode code points, as Go's utf8.RuneCountInString counts.</summary>
    private static long RuneCount(string text)
    {
        var count = 0L;
        for (var i = 0; i < text.Length; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }
}
